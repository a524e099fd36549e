.PHONY: demo test lint typecheck docs bench lock build smoke notebook
demo test lint typecheck docs bench lock build smoke notebook:
	python3 tasks.py $@
