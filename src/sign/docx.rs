//! OOXML package signature of a Word file (XML-DSig, as Word 2016 writes it).
