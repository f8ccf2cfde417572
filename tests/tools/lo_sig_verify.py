#!/usr/bin/env python3
"""Verifies the OOXML signatures of .docx files with LibreOffice's own implementation.

Usage: lo_sig_verify.py PROFILE_DIR FILE.docx [FILE.docx ...]

Starts a headless soffice with a fresh profile in PROFILE_DIR, asks its
DocumentDigitalSignatures service (over UNO, python3-uno) to verify each file opened as
a ZIP storage (with the OOXML storage format it finds no signatures), and prints one line
per file: "<name>: valid|invalid (<n> signatures; <signer subjects>)". "valid" means at
least one signature and every SignatureIsValid true; the certificate trust verdict is
ignored (test certificates). Exits 0 when every file could be checked.
"""

import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

READ = 1  # com.sun.star.embed.ElementModes.READ


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    for _ in range(120):
        try:
            return resolver.resolve(
                "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe
            )
        except NoConnectException:
            time.sleep(0.5)
    raise RuntimeError("soffice did not answer on pipe %s" % pipe)


def verify(ctx, path):
    smgr = ctx.ServiceManager
    signatures = smgr.createInstanceWithArgumentsAndContext(
        "com.sun.star.security.DocumentDigitalSignatures", ("1.2",), ctx
    )
    storage_format = PropertyValue()
    storage_format.Name, storage_format.Value = "StorageFormat", "ZipFormat"
    props = uno.Any("[]com.sun.star.beans.PropertyValue", (storage_format,))
    factory = smgr.createInstanceWithContext("com.sun.star.embed.StorageFactory", ctx)
    storage = uno.invoke(
        factory,
        "createInstanceWithArguments",
        ((uno.systemPathToFileUrl(os.path.abspath(path)), READ, props),),
    )
    infos = signatures.verifyDocumentContentSignatures(storage, None)
    storage.dispose()
    return infos


def main():
    if len(sys.argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    profile, files = os.path.abspath(sys.argv[1]), sys.argv[2:]
    pipe = "khcds_sig_%d" % os.getpid()
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--norestore",
            "--nologo",
            "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
            "--accept=pipe,name=%s;urp;" % pipe,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        ctx = connect(pipe)
        for path in files:
            infos = verify(ctx, path)
            valid = len(infos) > 0 and all(i.SignatureIsValid for i in infos)
            subjects = "; ".join(i.Signer.SubjectName for i in infos if i.Signer)
            print(
                "%s: %s (%d signatures; %s)"
                % (os.path.basename(path), "valid" if valid else "invalid", len(infos), subjects)
            )
        try:
            ctx.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", ctx
            ).terminate()
        except Exception:  # the bridge drops when soffice quits
            pass
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
