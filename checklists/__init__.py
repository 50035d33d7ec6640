"""The inspection domain: templates, records, scoring and merging.

Pure: no files, HTTP, TinyDB or Flet; everything here is testable with plain values.
"""
