"""ipywidgets front ends of the worksheets, one module per worksheet."""
