#!/usr/bin/env python3
"""Validates every XML part of .docx packages against the ECMA-376 Transitional schemas.

Usage: ooxml_validate.py [--schemas DIR] FILE.docx [FILE.docx ...]

The schemas are read from DIR (default: ../shared/reference/ooxml-xsd beside the
repository, or $KHCDS_OOXML_XSD). Nothing is fetched: every schema import is served
from that folder by file name, and the namespaces whose imports carry remote URLs
(xml:, Dublin Core) are imported from local files first.

Checks, per package:
- every part is well-formed XML and valid against the schema of its root element
  (one combined schema: WordprocessingML, DrawingML, VML, shared types, OPC content
  types, relationships, core and extended properties);
- no markup-compatibility attributes (mc:Ignorable …) and no namespaces the schemas do
  not know (Word-2010+ extensions are not part of ECMA-376 Transitional);
- w:rPr children in the order Word writes them (the schema only says "any order");
- [Content_Types].xml gives every part a content type; every internal relationship
  target exists.

Exit status 0 when every package is valid, 1 otherwise (errors on stderr), 2 on usage.
"""

import os
import posixpath
import sys
import zipfile

try:
    from lxml import etree
except ImportError:  # pragma: no cover - reported to the test as a clear message
    sys.stderr.write(
        "lxml is missing: run ./scripts/install-test-deps (pip install lxml)\n"
    )
    sys.exit(3)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"

# namespace -> schema file, imported in this order (the first import of a namespace wins,
# so the remote Dublin Core and xml: locations inside the OPC schemas are never used).
IMPORTS = [
    ("http://www.w3.org/XML/1998/namespace", "xml.xsd"),
    ("http://purl.org/dc/elements/1.1/", "dc.xsd"),
    ("http://purl.org/dc/dcmitype/", "dcmitype.xsd"),
    ("http://purl.org/dc/terms/", "dcterms.xsd"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes", "shared-commonSimpleTypes.xsd"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "shared-relationshipReference.xsd"),
    ("http://schemas.openxmlformats.org/drawingml/2006/main", "dml-main.xsd"),
    ("http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing", "dml-wordprocessingDrawing.xsd"),
    (W, "wml.xsd"),
    ("urn:schemas-microsoft-com:vml", "vml-main.xsd"),
    ("urn:schemas-microsoft-com:office:office", "vml-officeDrawing.xsd"),
    ("urn:schemas-microsoft-com:office:word", "vml-wordprocessingDrawing.xsd"),
    ("urn:schemas-microsoft-com:office:excel", "vml-spreadsheetDrawing.xsd"),
    ("urn:schemas-microsoft-com:office:powerpoint", "vml-presentationDrawing.xsd"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes", "shared-documentPropertiesVariantTypes.xsd"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/extended-properties", "shared-documentPropertiesExtended.xsd"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/custom-properties", "shared-documentPropertiesCustom.xsd"),
    ("http://schemas.openxmlformats.org/package/2006/metadata/core-properties", "opc-coreProperties.xsd"),
    (CT, "opc-contentTypes.xsd"),
    (RELS, "opc-relationships.xsd"),
]

KNOWN_NAMESPACES = {ns for ns, _ in IMPORTS} | {
    "http://www.w3.org/2001/XMLSchema-instance",
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "http://schemas.openxmlformats.org/schemaLibrary/2006/main",
}

# The order in which Word writes the children of w:rPr (ECMA-376 Part 1, 17.3.2.28,
# CT_RPr as a sequence; the Transitional schema relaxes it to a repeatable choice).
RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
    "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
    "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
    "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em",
    "lang", "eastAsianLayout", "specVanish", "oMath", "rPrChange",
]
RPR_RANK = {name: i for i, name in enumerate(RPR_ORDER)}


class LocalResolver(etree.Resolver):
    """Serves every schema location from the schema folder, by file name."""

    def __init__(self, folder):
        super().__init__()
        self.folder = folder

    def resolve(self, url, pubid, context):
        name = posixpath.basename(url or "")
        path = os.path.join(self.folder, name)
        if name and os.path.isfile(path):
            return self.resolve_filename(path, context)
        return None


def load_schema(folder):
    wrapper = ['<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">']
    for namespace, name in IMPORTS:
        wrapper.append(
            '<xsd:import namespace="%s" schemaLocation="%s"/>' % (namespace, name)
        )
    wrapper.append("</xsd:schema>")
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(LocalResolver(folder))
    base = os.path.join(folder, "wrapper.xsd")
    doc = etree.fromstring("".join(wrapper).encode(), parser, base_url=base)
    return etree.XMLSchema(etree.ElementTree(doc))


def default_schema_dir():
    env = os.environ.get("KHCDS_OOXML_XSD")
    if env:
        return env
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    return os.path.join(os.path.dirname(repo), "shared", "reference", "ooxml-xsd")


def check_namespaces(name, root, errors):
    reported = set()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for prefix, uri in (element.nsmap or {}).items():
            if uri not in KNOWN_NAMESPACES and uri not in reported:
                reported.add(uri)
                errors.append("%s: namespace %s=%s is not in ECMA-376 Transitional" % (name, prefix, uri))
        for attr in element.attrib:
            if attr.startswith("{%s}" % MC):
                errors.append("%s: markup-compatibility attribute %s on %s" % (name, attr, element.tag))
        if element.tag == "{%s}rPr" % W:
            ranks = []
            for child in element:
                local = etree.QName(child).localname
                ranks.append((RPR_RANK.get(local, len(RPR_ORDER)), local))
            if ranks != sorted(ranks, key=lambda r: r[0]):
                errors.append(
                    "%s line %s: w:rPr children out of Word's order: %s"
                    % (name, element.sourceline, [r[1] for r in ranks])
                )
        # report each problem once per part
        if len(errors) > 50:
            return


def check_package(path, schema):
    errors = []
    with zipfile.ZipFile(path) as z:
        names = [n for n in z.namelist() if not n.endswith("/")]
        parts = {}
        for name in names:
            if name.endswith(".xml") or name.endswith(".rels"):
                data = z.read(name)
                try:
                    root = etree.fromstring(data, etree.XMLParser(no_network=True, huge_tree=True))
                except etree.XMLSyntaxError as e:
                    errors.append("%s: not well-formed: %s" % (name, e))
                    continue
                parts[name] = root
                if not schema.validate(root):
                    for err in list(schema.error_log)[:20]:
                        errors.append("%s line %s: %s" % (name, err.line, err.message))
                check_namespaces(name, root, errors)
            else:
                errors.append("%s: unexpected non-XML part" % name)

        types = parts.get("[Content_Types].xml")
        if types is None:
            errors.append("[Content_Types].xml missing")
        else:
            defaults = {d.get("Extension").lower() for d in types.iter("{%s}Default" % CT)}
            overrides = {o.get("PartName") for o in types.iter("{%s}Override" % CT)}
            for name in names:
                ext = name.rsplit(".", 1)[-1].lower()
                if name == "[Content_Types].xml":
                    continue
                if "/" + name not in overrides and ext not in defaults:
                    errors.append("%s: no content type" % name)
            for part in overrides:
                if part.lstrip("/") not in names:
                    errors.append("[Content_Types].xml: override for missing part %s" % part)

        for name, root in parts.items():
            if not name.endswith(".rels"):
                continue
            folder = posixpath.dirname(posixpath.dirname(name))
            for rel in root.iter("{%s}Relationship" % RELS):
                if rel.get("TargetMode") == "External":
                    continue
                target = rel.get("Target")
                full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
                if full not in names:
                    errors.append("%s: relationship %s targets missing part %s" % (name, rel.get("Id"), full))
        if "_rels/.rels" not in parts:
            errors.append("_rels/.rels missing")
    return errors


def main(argv):
    args = argv[1:]
    folder = default_schema_dir()
    if len(args) >= 2 and args[0] == "--schemas":
        folder = args[1]
        args = args[2:]
    if not args:
        sys.stderr.write(__doc__)
        return 2
    if not os.path.isfile(os.path.join(folder, "wml.xsd")):
        sys.stderr.write("schemas not found in %s (set KHCDS_OOXML_XSD)\n" % folder)
        return 2
    schema = load_schema(folder)
    failed = False
    for path in args:
        errors = check_package(path, schema)
        if errors:
            failed = True
            sys.stderr.write("%s: %d problem(s)\n" % (path, len(errors)))
            for e in errors:
                sys.stderr.write("  " + e + "\n")
        else:
            print("%s: valid" % path)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
