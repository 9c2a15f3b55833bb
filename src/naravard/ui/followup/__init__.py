"""The follow-up worksheet (``worksheets/uppfoljning.ipynb``): one module per tab."""
