#!/usr/bin/env python3
"""Verifies the OOXML package signatures of a .docx/.xlsx/.pptx, independently of khcds.

Usage: ooxml_sig_verify.py FILE

Written from the specifications (ECMA-376 Part 2 §13 "Digital signatures", W3C XML-DSig
core validation, XAdES SigningCertificate) with lxml (its C14N is libxml2's) and
cryptography; it shares no code with the Rust implementation it checks. Trust chains are
not checked: integrity and the binding to the certificate in the signature are.

Prints one line per signature, "<part>: VALID (<subject>, <time>)" or
"<part>: INVALID: <reasons>", and exits 0 when there is at least one signature and all
are valid, 1 otherwise, 2 when the file cannot be read.
"""

import base64
import copy
import hashlib
import posixpath
import sys
import urllib.parse
import zipfile

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree

DS = "http://www.w3.org/2000/09/xmldsig#"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
MDSSI = "http://schemas.openxmlformats.org/package/2006/digital-signature"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
ORIGIN = PR + "/digital-signature/origin"
SIGNATURE = PR + "/digital-signature/signature"
C14N_10 = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
REL_TRANSFORM = "http://schemas.openxmlformats.org/package/2006/RelationshipTransform"

DIGESTS = {
    "http://www.w3.org/2000/09/xmldsig#sha1": hashlib.sha1,
    "http://www.w3.org/2001/04/xmlenc#sha256": hashlib.sha256,
    "http://www.w3.org/2001/04/xmldsig-more#sha384": hashlib.sha384,
    "http://www.w3.org/2001/04/xmlenc#sha512": hashlib.sha512,
}
SIGNATURE_METHODS = {
    "http://www.w3.org/2000/09/xmldsig#rsa-sha1": hashes.SHA1,
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256": hashes.SHA256,
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384": hashes.SHA384,
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512": hashes.SHA512,
}

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def parse(data):
    return etree.fromstring(data, PARSER)


class Package:
    """The parts of the ZIP by OPC-equivalent name (unescaped, ASCII case folded)."""

    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        self.names = {}
        for info in self.zip.infolist():
            if not info.is_dir():
                self.names[self.key("/" + info.filename)] = info.filename

    @staticmethod
    def key(name):
        return urllib.parse.unquote(name).lower()

    def get(self, name):
        entry = self.names.get(self.key(name))
        return None if entry is None else self.zip.read(entry)

    def part_names(self):
        return ["/" + n for n in self.names.values()]

    def content_type(self, name):
        types = parse(self.get("/[Content_Types].xml"))
        for override in types.iter("{%s}Override" % CT):
            if self.key(override.get("PartName", "")) == self.key(name):
                return override.get("ContentType")
        extension = name.rsplit("/", 1)[-1].rpartition(".")[2].lower()
        for default in types.iter("{%s}Default" % CT):
            if default.get("Extension", "").lower() == extension:
                return default.get("ContentType")
        return None

    def relationships(self, source):
        folder, file = posixpath.split(source)
        data = self.get(posixpath.join(folder, "_rels", file + ".rels"))
        if data is None:
            return []
        out = []
        for rel in parse(data).iter("{%s}Relationship" % PR):
            target = rel.get("Target", "")
            if rel.get("TargetMode") != "External":
                target = posixpath.normpath(posixpath.join(folder, target))
            out.append((rel.get("Type"), target))
        return out


def c14n(node):
    """Canonical XML 1.0 without comments of a whole document (libxml2's)."""
    return etree.tostring(node, method="c14n", exclusive=False, with_comments=False)


def c14n_subset(element):
    """C14N 1.0 of an element and its descendants as a document subset: the namespaces in
    scope at the element are rendered on it. libxml2 mishandles default namespaces when
    asked for a non-root subtree directly (it writes a spurious xmlns="" below the apex),
    so the subtree is copied into a document of its own, its root declaring every
    namespace in scope (lxml's nsmap), which C14N then renders as the spec asks."""
    root = etree.Element(element.tag, attrib=dict(element.attrib), nsmap=element.nsmap)
    root.text = element.text
    for child in element:
        root.append(copy.deepcopy(child))
    return c14n(etree.ElementTree(root))


def relationship_transform(rels_bytes, transform):
    """ECMA-376 Part 2 §13.2.4.24: the selected Relationship elements, sorted by Id,
    TargetMode defaulted to Internal, nothing else; then C14N."""
    ids = {r.get("SourceId") for r in transform.iter("{%s}RelationshipReference" % MDSSI)}
    types = {
        r.get("SourceType")
        for r in transform.iter("{%s}RelationshipsGroupReference" % MDSSI)
    }
    selected = [
        rel
        for rel in parse(rels_bytes).iter("{%s}Relationship" % PR)
        if rel.get("Id") in ids or rel.get("Type") in types
    ]
    selected.sort(key=lambda rel: rel.get("Id"))
    root = etree.Element("{%s}Relationships" % PR, nsmap={None: PR})
    for rel in selected:
        out = etree.SubElement(root, "{%s}Relationship" % PR)
        for name in ("Id", "Type", "Target"):
            if rel.get(name) is not None:
                out.set(name, rel.get(name))
        out.set("TargetMode", rel.get("TargetMode", "Internal"))
    return c14n(etree.ElementTree(root))


def digest_matches(reference, data):
    method = reference.find("{%s}DigestMethod" % DS).get("Algorithm")
    value = base64.b64decode("".join(reference.findtext("{%s}DigestValue" % DS).split()))
    return DIGESTS[method](data).digest() == value


def transforms(reference):
    return reference.findall("{%s}Transforms/{%s}Transform" % (DS, DS))


def check_part_reference(package, reference):
    uri = reference.get("URI")
    name, _, query = uri.partition("?")
    data = package.get(name)
    if data is None:
        return name, "part %s is missing" % name
    # Not parse_qs: "+" in a content type ("…+xml") is a plus, not a space.
    params = dict(pair.partition("=")[::2] for pair in query.split("&") if pair)
    if "ContentType" in params and params["ContentType"] != package.content_type(name):
        return name, "part %s: content type changed" % name
    for transform in transforms(reference):
        algorithm = transform.get("Algorithm")
        if algorithm == REL_TRANSFORM:
            data = relationship_transform(data, transform)
        elif algorithm == C14N_10:
            data = c14n(etree.ElementTree(parse(data)))
        else:
            return name, "part %s: unsupported transform %s" % (name, algorithm)
    if not digest_matches(reference, data):
        return name, "part %s: digest mismatch" % name
    return name, None


def verify_signature(package, name):
    problems = []
    root = parse(package.get(name))
    if root.tag != "{%s}Signature" % DS:
        return None, None, ["not an XML-DSig Signature"]
    by_id = {}
    for element in root.iter():
        if isinstance(element.tag, str) and element.get("Id") is not None:
            if element.get("Id") in by_id:
                problems.append("duplicate Id %s" % element.get("Id"))
            by_id[element.get("Id")] = element
    signed_info = root.find("{%s}SignedInfo" % DS)
    if signed_info.find("{%s}CanonicalizationMethod" % DS).get("Algorithm") != C14N_10:
        problems.append("unsupported canonicalization")
    hash_class = SIGNATURE_METHODS[signed_info.find("{%s}SignatureMethod" % DS).get("Algorithm")]
    value = base64.b64decode("".join(root.findtext("{%s}SignatureValue" % DS).split()))
    certificates = [
        x509.load_der_x509_certificate(base64.b64decode("".join(c.text.split())))
        for c in root.iterfind("{%s}KeyInfo/{%s}X509Data/{%s}X509Certificate" % (DS, DS, DS))
    ]
    signer = None
    for certificate in certificates:
        try:
            certificate.public_key().verify(
                value, c14n_subset(signed_info), padding.PKCS1v15(), hash_class()
            )
            signer = certificate
            break
        except InvalidSignature:
            pass
    if signer is None:
        problems.append("SignatureValue does not verify with the KeyInfo certificate")

    covered = []
    package_object = None
    for reference in signed_info.iterfind("{%s}Reference" % DS):
        target = by_id.get(reference.get("URI", "").lstrip("#"))
        if target is None:
            problems.append("reference %s not found" % reference.get("URI"))
            continue
        if any(t.get("Algorithm") != C14N_10 for t in transforms(reference)):
            problems.append("unsupported transform on %s" % reference.get("URI"))
            continue
        if not digest_matches(reference, c14n_subset(target)):
            problems.append("element %s changed" % reference.get("URI"))
            continue
        if target.find("{%s}Manifest" % DS) is not None:
            package_object = target
        if target.tag == "{%s}SignedProperties" % XADES and signer is not None:
            der = signer.public_bytes(Encoding.DER)
            digests = target.findall(".//{%s}CertDigest" % XADES)
            if digests and not any(digest_matches(d, der) for d in digests):
                problems.append("XAdES SigningCertificate is not the signing certificate")
    if package_object is None:
        problems.append("no signed Manifest")
    else:
        for reference in package_object.iterfind("{%s}Manifest/{%s}Reference" % (DS, DS)):
            part, problem = check_part_reference(package, reference)
            covered.append(part)
            if problem:
                problems.append(problem)
    time = root.findtext(".//{%s}SignatureTime/{%s}Value" % (MDSSI, MDSSI))
    subject = signer.subject.rfc4514_string() if signer is not None else "?"
    return subject, time, problems


def main():
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    try:
        package = Package(sys.argv[1])
    except (OSError, zipfile.BadZipFile) as error:
        sys.stderr.write("cannot read %s: %s\n" % (sys.argv[1], error))
        return 2
    signatures = []
    for kind, origin in package.relationships("/"):
        if kind == ORIGIN:
            signatures += [t for k, t in package.relationships(origin) if k == SIGNATURE]
    if not signatures:
        print("no signature")
        return 1
    all_valid = True
    for name in sorted(signatures, key=lambda n: (len(n), n)):
        try:
            subject, time, problems = verify_signature(package, name)
        except Exception as error:  # a malformed signature is an invalid one
            subject, time, problems = None, None, ["unreadable: %r" % error]
        short = name.rsplit("/", 1)[-1]
        if problems:
            all_valid = False
            print("%s: INVALID: %s" % (short, "; ".join(problems)))
        else:
            print("%s: VALID (%s, %s)" % (short, subject, time))
    return 0 if all_valid else 1


if __name__ == "__main__":
    sys.exit(main())
