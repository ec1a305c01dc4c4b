"""Writes hostile and unusual zips byte by byte, for the safe reader's tests: every header field can
be set to what an attacker would set it to. Usage: hostile_zip.py CASE OUT.zip"""
import struct, sys, zlib

def local_header(name, method, crc, csize, usize, flags=0, extra=b""):
    return struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, 0, 0x21, crc, csize, usize, len(name), len(extra)) + name + extra

def central_header(name, method, crc, csize, usize, offset, flags=0, extra=b"", attrs=0, system=3):
    return struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, (system << 8) | 20, 20, flags, method, 0, 0x21, crc, csize, usize,
                       len(name), len(extra), 0, 0, 0, attrs, offset) + name + extra

def end_record(count, size, offset, comment=b""):
    return struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, size, offset, len(comment)) + comment

def entry(name, data, method=8):
    """A well-formed entry: (name bytes, compressed bytes, method, crc, usize)."""
    if isinstance(name, str): name = name.encode()
    crc = zlib.crc32(data)
    if method == 8:
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        packed = c.compress(data) + c.flush()
    else:
        packed = data
    return dict(name=name, packed=packed, method=method, crc=crc, usize=len(data))

def build(entries, comment=b"", local_overrides=None, central_overrides=None, attrs=None, flags=0):
    local_overrides = local_overrides or {}
    central_overrides = central_overrides or {}
    pieces = []
    offsets = []
    length = 0
    for index, e in enumerate(entries):
        offsets.append(length)
        lo = dict(name=e["name"], method=e["method"], crc=e["crc"], csize=len(e["packed"]), usize=e["usize"], flags=flags, extra=b"")
        lo.update(local_overrides.get(index, {}))
        piece = local_header(lo["name"], lo["method"], lo["crc"], lo["csize"], lo["usize"], lo["flags"], lo["extra"]) + e["packed"]
        pieces.append(piece)
        length += len(piece)
    out = b"".join(pieces)
    start = len(out)
    records = []
    for index, e in enumerate(entries):
        ce = dict(name=e["name"], method=e["method"], crc=e["crc"], csize=len(e["packed"]), usize=e["usize"], offset=offsets[index],
                  flags=flags, attrs=(attrs or {}).get(index, 0o100644 << 16), extra=b"")
        ce.update(central_overrides.get(index, {}))
        records.append(central_header(ce["name"], ce["method"], ce["crc"], ce["csize"], ce["usize"], ce["offset"], ce["flags"],
                                      ce["extra"], ce["attrs"]))
    central = b"".join(records)
    if len(entries) > 0xFFFF:
        # ZIP64 end records: the count does not fit the classic one.
        zip64 = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, len(entries), len(entries), len(central), start)
        locator = struct.pack("<IIQI", 0x07064B50, 0, start + len(central), 1)
        return out + central + zip64 + locator + end_record(0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, comment)
    return out + central + end_record(len(entries), len(central), start, comment)

def fine():
    return [entry("imsmanifest.xml", b"<manifest/>"), entry("index.html", b"<html></html>")]

def case(kind):
    html = entry("index.html", b"<html>hello</html>")
    if kind.startswith("name:"):
        return build([entry(kind[5:], b"x"), html])
    if kind == "name-bytes-latin1":
        return build([dict(entry("x", b"x"), name=b"caf\xe9.html"), html])
    if kind == "name-utf8-unflagged":
        return build([entry("caf\u00e9.html", b"x"), html])
    if kind == "name-utf8-flagged":
        return build([entry("caf\u00e9.html", b"x"), html], flags=0x0800)
    if kind == "symlink":
        return build([html, entry("media/etc", b"/etc", method=0)], attrs={1: 0o120777 << 16})
    if kind == "fifo":
        return build([html, entry("media/pipe", b"", method=0)], attrs={1: 0o010644 << 16})
    if kind == "duplicate":
        return build([html, entry("index.html", b"other")])
    if kind == "case":
        return build([html, entry("INDEX.html", b"other")])
    if kind == "nfd":
        return build([entry("caf\u00e9.html", b"a"), entry("cafe\u0301.html", b"b")])
    if kind == "file-folder":
        return build([entry("media", b"a"), entry("media/x.png", b"b")])
    if kind == "encrypted":
        return build([html], flags=0x0001)
    if kind == "many":
        return build([entry("f%06d.txt" % i, b"", method=0) for i in range(100_000)])
    if kind == "claims-10gb":
        # 1 KB of deflate data whose headers claim 10 GB once unpacked (ZIP64 sizes).
        e = entry("bomb.bin", b"\0" * 1_000_000)
        zip64 = struct.pack("<HHQQ", 1, 16, 10 << 30, len(e["packed"]))
        return build([e], central_overrides={0: dict(usize=0xFFFFFFFF, csize=0xFFFFFFFF, extra=zip64)},
                     local_overrides={0: dict(usize=0xFFFFFFFF, csize=0xFFFFFFFF, extra=zip64)})
    if kind == "lies-small":
        # Headers say 1 KB; the stream inflates to 50 MB.
        e = entry("bomb.bin", b"\0" * 50_000_000)
        e["usize"] = 1024
        return build([e])
    if kind == "overlap":
        # B's local header and data sit inside A's stored data: two entries share bytes.
        b = entry("b.txt", b"inner", method=0)
        inner = local_header(b["name"], 0, b["crc"], len(b["packed"]), b["usize"]) + b["packed"]
        a = entry("a.txt", inner, method=0)
        outer = local_header(a["name"], 0, a["crc"], len(inner), len(inner)) + inner
        central = central_header(a["name"], 0, a["crc"], len(inner), len(inner), 0, attrs=0o100644 << 16)
        central += central_header(b["name"], 0, b["crc"], len(b["packed"]), b["usize"], 30 + len(a["name"]), attrs=0o100644 << 16)
        return outer + central + end_record(2, len(central), len(outer))
    if kind == "aliased":
        # 1,000 central entries, one local header: what a listing shows is not what is there.
        e = entry("index.html", b"<html></html>")
        data = local_header(e["name"], 8, e["crc"], len(e["packed"]), e["usize"]) + e["packed"]
        central = b"".join(central_header(e["name"], 8, e["crc"], len(e["packed"]), e["usize"], 0, attrs=0o100644 << 16)
                           for _ in range(1000))
        return data + central + end_record(1000, len(central), len(data))
    if kind == "central-rename":
        # Issue 13: index.html renamed to evil.html in the central directory only.
        return build([html], central_overrides={0: dict(name=b"evil.html")})
    if kind == "local-crc":
        return build([html], local_overrides={0: dict(crc=html["crc"] ^ 1)})
    if kind == "local-size":
        return build([html], local_overrides={0: dict(usize=html["usize"] + 1)})
    if kind == "local-method":
        return build([entry("index.html", b"<html></html>", method=0)], local_overrides={0: dict(method=8)})
    if kind == "crc":
        return build([html], local_overrides={0: dict(crc=1)}, central_overrides={0: dict(crc=1)})
    if kind == "comment-65535":
        return build(fine(), comment=b"c" * 65535)
    if kind == "comment-fake-end":
        # A comment that holds a second, consistent end record.
        fake = end_record(0, 0, 0)
        body = build(fine(), comment=b"")
        comment = b"x" * 10 + fake
        data = body[:-2] + struct.pack("<H", len(comment)) + comment
        return data
    if kind == "fine":
        return build(fine())
    raise SystemExit("unknown case " + kind)

if __name__ == "__main__":
    with open(sys.argv[2], "wb") as f:
        f.write(case(sys.argv[1]))
