"""Word documents in and out: read, check, fix with tracked changes, export.

A .docx is read as the checker sees it, checked for GB/T 9704 layout beside the text rules,
fixed with tracked changes and comments, and outlines and drafts are exported as .docx.

    package     opening an upload safely (zip checks, limits, .doc and encrypted files)
    styles      effective fonts, sizes and paragraph settings through the style chain
    reader      the document as text, paragraph by paragraph, with runs and formatting
    profile     the layout profile (GB/T 9704 values, overridable) and the layout rules
    elements    which paragraph is the title, a heading, body text, the date
    layout      layout diagnostics, each with the formatting that fixes it
    check       text and layout diagnostics of one document
    revisions   tracked changes (w:del/w:ins) and comments at exact characters
    formatting  applying layout fixes as tracked formatting changes
    fix         the fixed document: revisions, comments and formatting together
    builder     a GB/T 9704 document from title, headings and body paragraphs
    export      outlines and draft text as .docx
"""
