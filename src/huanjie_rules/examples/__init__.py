"""Example data and the demo."""
