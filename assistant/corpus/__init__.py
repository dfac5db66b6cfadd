"""Reading, splitting and cleaning source files; the heading parser and section roles."""
