"""Reading: files, feeds, HTML, decoding, boilerplate and metadata → Article records."""
