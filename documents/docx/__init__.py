"""Word (.docx) versions of the documents, made with python-docx from the same data as the PDFs."""
