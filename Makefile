.PHONY: demo test lint typecheck docs bench lock
demo test lint typecheck docs bench lock:
	python3 tasks.py $@
