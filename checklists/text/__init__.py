"""Words and numbers: Vietnamese/English labels, number and date forms."""
