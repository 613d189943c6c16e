#!/usr/bin/env python3
"""Regenerate the tshark-derived expected output for every capture in tests/data/public.

For each capture X (*.pcap, *.pcapng) under tests/data/public this writes X.tshark.jsonl beside it:
one JSON object per frame, in frame order, using the field names of docs/inspect-jsonl.md.
Values come from tshark; this script only renames, converts and applies the layer-presence
rules listed in tests/data/tshark/README.md. Standard library only.

Generated with: TShark (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3)

Exact command run per capture (with an empty WIRESHARK_CONFIG_DIR so no personal preferences apply):

    tshark -n -r CAPTURE -T json -x \
        -o ip.defragment:FALSE -o ipv6.defragment:FALSE -o ip.tso_support:FALSE \
        -o ip.check_checksum:FALSE -o tcp.check_checksum:FALSE -o udp.check_checksum:FALSE \
        -o tcp.relative_sequence_numbers:FALSE -o tcp.analyze_sequence_numbers:FALSE \
        -o tcp.desegment_tcp_streams:FALSE -o tcp.reassemble_out_of_order:FALSE \
        -o tcp.try_heuristic_first:FALSE -o udp.try_heuristic_first:FALSE

`-x` adds "<field>_raw": [hex, offset, length, bitmask, type] entries; the offsets are used to decide
whether a header lies wholly inside the captured bytes. The link type is read from the capture file
itself (pcap global header / pcapng Interface Description Blocks), not from tshark.

Usage: python3 tests/data/tshark/make-expected.py [capture ...]
"""

import datetime
import json
import os
import re
import struct
import subprocess
import sys
import tempfile

EXPECTED_TSHARK = "4.0.17"

TSHARK_PREFS = [
    "ip.defragment:FALSE",
    "ipv6.defragment:FALSE",
    "ip.tso_support:FALSE",
    "ip.check_checksum:FALSE",
    "tcp.check_checksum:FALSE",
    "udp.check_checksum:FALSE",
    "tcp.relative_sequence_numbers:FALSE",
    "tcp.analyze_sequence_numbers:FALSE",
    "tcp.desegment_tcp_streams:FALSE",
    "tcp.reassemble_out_of_order:FALSE",
    "tcp.try_heuristic_first:FALSE",
    "udp.try_heuristic_first:FALSE",
]

HERE = os.path.dirname(os.path.abspath(__file__))
PUBLIC = os.path.normpath(os.path.join(HERE, "..", "public"))
DATA = os.path.dirname(PUBLIC)

# Output key order (follows the table in docs/inspect-jsonl.md).
KEY_ORDER = [
    "input", "frame", "time", "frame_len", "cap_len", "interface", "link_type",
    "src_mac", "dst_mac", "vlan", "ip_version", "src", "dst", "ip_proto", "proto", "ttl", "tos",
    "ip_id", "ip_len", "ip_hlen", "ip_options", "frag_offset", "more_fragments", "dont_fragment",
    "flow_label", "sport", "dport", "flags", "tcp_flags_raw", "seq", "ack", "window", "urg_ptr",
    "tcp_hlen", "tcp_options", "mss", "wscale", "sack_perm", "ts_val", "ts_ecr", "payload_len",
    "udp_len", "payload_head", "icmp_type", "icmp_code", "icmp_id", "icmp_seq", "quoted", "arp_op", "arp_sha",
    "arp_tha",
]
QUOTED_ORDER = ["src", "dst", "proto", "ip_proto", "ip_id", "ttl", "sport", "dport", "seq"]

PROTO_NAMES = {6: "tcp", 17: "udp", 1: "icmp", 58: "icmpv6"}
ICMP4_WITH_ID = {0, 8, 13, 14, 15, 16, 17, 18}  # echo, timestamp, information, address mask
ICMP4_ERRORS = {3, 4, 5, 11, 12}
ICMP6_WITH_ID = {128, 129}
ICMP6_ERRORS = {1, 2, 3, 4}
# IPv6 extension headers whose "next header" continues the chain.
IPV6_NXT_FIELDS = ("ipv6.hopopts.nxt", "ipv6.routing.nxt", "ipv6.fraghdr.nxt", "ipv6.dstopts.nxt")
LAYER_KEY = re.compile(r"^[a-z][a-z0-9_-]*$")  # a nested protocol layer (no dot, no space)


# ---------------------------------------------------------------------------------------------
# capture file headers: link type per interface


def link_types(path):
    """Return {(section, interface_id): linktype} (pcapng, sections from 1) or {None: linktype} (pcap)."""
    with open(path, "rb") as fh:
        data = fh.read()
    magic = data[:4]
    if magic == b"\x0a\x0d\x0d\x0a":
        result = {}
        off = 0
        section = 0
        bo = "<"
        iface = 0
        while off + 12 <= len(data):
            if data[off:off + 4] == b"\x0a\x0d\x0d\x0a":
                bom = data[off + 8:off + 12]
                bo = "<" if bom == b"\x4d\x3c\x2b\x1a" else ">"
                section += 1
                iface = 0
            btype, blen = struct.unpack(bo + "II", data[off:off + 8])
            if btype == 1:  # Interface Description Block
                (lt,) = struct.unpack(bo + "H", data[off + 8:off + 10])
                result[(section, iface)] = lt
                iface += 1
            if blen < 12:
                break
            off += blen
        return result
    (m,) = struct.unpack("<I", magic)
    bo = "<" if m in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    (network,) = struct.unpack(bo + "I", data[20:24])
    return {None: network & 0x0FFFFFFF}


# ---------------------------------------------------------------------------------------------
# tshark JSON helpers.  A layer is a list of (key, value) pairs (object_pairs_hook keeps duplicates).


def is_raw(value):
    return (isinstance(value, list) and len(value) == 5 and isinstance(value[0], str)
            and isinstance(value[1], int) and isinstance(value[2], int))


def is_tree(value):
    return isinstance(value, list) and all(isinstance(p, tuple) for p in value)


def fields(layer, descend_layers=False):
    """Flatten a layer into an ordered list of (name, value, raw) for its own fields.

    raw is (offset, length) from the preceding "<name>_raw" entry or None. Nested protocol layers
    (an ICMP error's quoted ip/udp/...) are not entered unless descend_layers is set.
    """
    out = []
    pending = {}

    def walk(pairs):
        for key, value in pairs:
            if is_raw(value):
                pending[key[:-4]] = (value[1], value[2])
                continue
            if is_tree(value):
                if not descend_layers and LAYER_KEY.match(key):
                    continue
                walk(value)
                continue
            if isinstance(value, str):
                out.append((key, value, pending.pop(key, None)))

    walk(layer)
    return out


def first(flds, name):
    for key, value, raw in flds:
        if key == name:
            return value
    return None


def first_raw(flds, name):
    for key, value, raw in flds:
        if key == name:
            return raw
    return None


def all_values(flds, name):
    return [value for key, value, raw in flds if key == name]


def num(text):
    if text is None:
        return None
    text = text.strip()
    return int(text, 16) if text.lower().startswith("0x") else int(text)


def mac(text):
    return text.lower() if text else None


def layer_offset(pairs, name, index):
    """Offset of the index-th layer called name in pairs (from its "<name>_raw" entry)."""
    seen = -1
    for key, value in pairs:
        if key == name + "_raw" and is_raw(value):
            seen += 1
            if seen == index:
                return value[1]
    return None


def has_malformed(pairs):
    """True when tshark put a Malformed Packet item anywhere inside this layer's own tree."""
    for key, value in pairs:
        if key == "_ws.malformed":
            return True
        if is_tree(value) and not LAYER_KEY.match(key) and has_malformed(value):
            return True
    return False


def iso_time(epoch):
    sec, _, frac = epoch.partition(".")
    frac = (frac + "000000000")[:9]
    base = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(seconds=int(sec))
    return base.strftime("%Y-%m-%dT%H:%M:%S") + "." + frac + "Z"


def proto_name(ip_proto):
    return PROTO_NAMES.get(ip_proto, "ip")


# ---------------------------------------------------------------------------------------------
# per-layer extraction


def header_address(flds, names, offset):
    """The address field whose bytes sit at offset (the fixed IPv4 header slot).

    With a loose/strict source-route option tshark reports the header's destination field as
    ip.cur_rt and puts the route's final address in ip.dst; we want the header field."""
    for key, value, raw in flds:
        if key in names and raw is not None and raw[0] == offset:
            return value
    return None


def ipv4_fields(flds, start):
    rec = {}
    rec["ip_version"] = 4
    rec["src"] = header_address(flds, ("ip.src",), start + 12)
    rec["dst"] = header_address(flds, ("ip.dst", "ip.cur_rt"), start + 16)
    rec["ip_proto"] = num(first(flds, "ip.proto"))
    rec["ttl"] = num(first(flds, "ip.ttl"))
    rec["tos"] = num(first(flds, "ip.dsfield"))
    rec["ip_id"] = num(first(flds, "ip.id"))
    rec["ip_len"] = num(first(flds, "ip.len"))
    rec["ip_hlen"] = num(first(flds, "ip.hdr_len"))
    opts = []
    for t in all_values(flds, "ip.opt.type"):
        opts.append(num(t))
        if opts[-1] == 0:  # End of Option List: stop, keep it
            break
    if opts:
        rec["ip_options"] = opts
    rec["frag_offset"] = num(first(flds, "ip.frag_offset")) * 8  # tshark 4.0 JSON: 8-byte units
    rec["more_fragments"] = first(flds, "ip.flags.mf") == "1"
    rec["dont_fragment"] = first(flds, "ip.flags.df") == "1"
    return rec


def ipv6_fields(flds):
    rec = {}
    rec["ip_version"] = 6
    rec["src"] = first(flds, "ipv6.src")
    rec["dst"] = first(flds, "ipv6.dst")
    nxt = num(first(flds, "ipv6.nxt"))
    for key, value, raw in flds:
        if key in IPV6_NXT_FIELDS:
            nxt = num(value)
    rec["ip_proto"] = nxt
    rec["ttl"] = num(first(flds, "ipv6.hlim"))
    rec["tos"] = num(first(flds, "ipv6.tclass"))
    frag_id = first(flds, "ipv6.fraghdr.ident")
    if frag_id is not None:
        rec["ip_id"] = num(frag_id)
    rec["ip_len"] = num(first(flds, "ipv6.plen")) + 40
    frag_off = first(flds, "ipv6.fraghdr.offset")
    if frag_off is not None:
        rec["frag_offset"] = num(frag_off) * 8  # field holds 8-byte units, like ip.frag_offset
        rec["more_fragments"] = first(flds, "ipv6.fraghdr.more") == "1"
    rec["flow_label"] = num(first(flds, "ipv6.flow"))
    return rec


def tcp_fields(flds):
    rec = {}
    rec["sport"] = num(first(flds, "tcp.srcport"))
    rec["dport"] = num(first(flds, "tcp.dstport"))
    raw_flags = num(first(flds, "tcp.flags"))
    letters = ""
    for bit, letter in ((0x80, "C"), (0x40, "E"), (0x20, "U"), (0x10, "A"),
                        (0x08, "P"), (0x04, "R"), (0x02, "S"), (0x01, "F")):
        if raw_flags & bit:
            letters += letter
    rec["flags"] = letters
    rec["tcp_flags_raw"] = raw_flags
    # tcp.seq_raw is both the raw-bytes entry of tcp.seq and a field of its own; fields() keeps the
    # string (field) value only.
    rec["seq"] = num(first(flds, "tcp.seq_raw"))
    rec["ack"] = num(first(flds, "tcp.ack_raw"))
    rec["window"] = num(first(flds, "tcp.window_size_value"))
    rec["urg_ptr"] = num(first(flds, "tcp.urgent_pointer"))
    rec["tcp_hlen"] = num(first(flds, "tcp.hdr_len"))
    # Options: walk in order, stop after the first EOL; option values only from options before it.
    kinds = []
    for key, value, raw in flds:
        if key == "tcp.option_kind":
            kinds.append(num(value))
            if kinds[-1] == 4:
                rec["sack_perm"] = True
            if kinds[-1] == 0:
                break
        elif key == "tcp.options.mss_val":
            rec["mss"] = num(value)
        elif key == "tcp.options.wscale.shift":
            rec["wscale"] = num(value)
        elif key == "tcp.options.timestamp.tsval":
            rec["ts_val"] = num(value)
        elif key == "tcp.options.timestamp.tsecr":
            rec["ts_ecr"] = num(value)
    if kinds:
        rec["tcp_options"] = kinds
    rec["payload_len"] = num(first(flds, "tcp.len"))
    return rec


def frame_bytes(layers):
    for key, value in layers:
        if key == "frame_raw" and is_raw(value):
            return bytes.fromhex(value[0])
    return b""


def bogus_tcp_fields(data, start):
    """A data offset below 5: tshark stops after the ports, seq and header length, but the fixed 20
    bytes are all there, so they are read from the frame's bytes (no options, no payload length)."""
    sport, dport, seq, ack, word, window, _, urg = struct.unpack_from("!HHIIHHHH", data, start)
    raw_flags = word & 0x0FFF
    letters = "".join(letter for bit, letter in ((0x80, "C"), (0x40, "E"), (0x20, "U"), (0x10, "A"),
                                                (0x08, "P"), (0x04, "R"), (0x02, "S"), (0x01, "F"))
                      if raw_flags & bit)
    return {"sport": sport, "dport": dport, "flags": letters, "tcp_flags_raw": raw_flags, "seq": seq,
            "ack": ack, "window": window, "urg_ptr": urg, "tcp_hlen": (word >> 12) * 4}


PAYLOAD_HEAD_BYTES = 32  # Observation.PayloadHeadCapacity


def payload_head(data, start, end, tshark_payload=None):
    """The payload's first bytes (at most PAYLOAD_HEAD_BYTES) as lower-case hex, or None when none is present.

    start/end come from tshark's header offsets and lengths; the bytes from frame_raw. tshark_payload is
    (raw offset, "aa:bb:..") of tshark's own payload field (tcp.payload, udp.payload, ICMP echo data.data)
    where it has one: it must start where we do and hold the same bytes, or the capture fails."""
    end = min(end, len(data))
    if start >= end:
        return None
    head = data[start:min(end, start + PAYLOAD_HEAD_BYTES)]
    if tshark_payload is not None:
        offset, text, skipped = tshark_payload
        theirs = bytes.fromhex(text.replace(":", ""))
        ours = data[offset:min(end, offset + len(theirs))]
        if offset != start + skipped or theirs[:len(ours)] != ours:
            raise AssertionError("payload at %d (%s) disagrees with tshark's at %d (%s)"
                                 % (start, head.hex(), offset, theirs[:PAYLOAD_HEAD_BYTES].hex()))
    return head.hex()


def tshark_payload_field(flds, name, skipped=0):
    """(raw offset, value, bytes tshark dissected before it) of a payload field, or None."""
    value = first(flds, name)
    raw = first_raw(flds, name)
    return (raw[0], value, skipped) if value is not None and raw is not None else None


def udp_fields(flds):
    rec = {}
    rec["sport"] = num(first(flds, "udp.srcport"))
    rec["dport"] = num(first(flds, "udp.dstport"))
    udp_len = num(first(flds, "udp.length"))
    rec["udp_len"] = udp_len
    if udp_len >= 8:
        rec["payload_len"] = udp_len - 8
    return rec


def quoted_fields(icmp_pairs, limit):
    """The quoted IP (+ transport) header inside an ICMP/ICMPv6 error, field by field."""
    q = {}

    def present(raw):
        return raw is not None and raw[0] + raw[1] <= limit

    inner_ip = None
    inner_tp = None
    for key, value in icmp_pairs:
        if not is_tree(value) or not LAYER_KEY.match(key):
            continue
        if key in ("ip", "ipv6") and inner_ip is None:
            inner_ip = (key, fields(value))
        elif key in ("tcp", "udp") and inner_ip is not None and inner_tp is None:
            inner_tp = (key, fields(value))
    if inner_ip is None:
        return q
    kind, f = inner_ip
    p = "ip." if kind == "ip" else "ipv6."

    def take(out, field, conv):
        raw = first_raw(f, field)
        val = first(f, field)
        if val is not None and present(raw):
            q[out] = conv(val)

    if kind == "ip":
        ip_start = first_raw(f, "ip.version")
        if ip_start is not None:
            for out, names, rel in (("src", ("ip.src",), 12), ("dst", ("ip.dst", "ip.cur_rt"), 16)):
                val = header_address(f, names, ip_start[0] + rel)
                if val is not None and present((ip_start[0] + rel, 4)):
                    q[out] = val
        take("ip_proto", "ip.proto", num)
        take("ip_id", "ip.id", num)
        take("ttl", "ip.ttl", num)
    else:
        take("src", "ipv6.src", str)
        take("dst", "ipv6.dst", str)
        take("ip_proto", "ipv6.nxt", num)
        for key, value, raw in f:
            if key in IPV6_NXT_FIELDS and present(raw):
                q["ip_proto"] = num(value)
        take("ttl", "ipv6.hlim", num)
    if "ip_proto" in q:
        q["proto"] = proto_name(q["ip_proto"])
    if inner_tp is not None:
        tkind, tf = inner_tp
        for out, field in (("sport", tkind + ".srcport"), ("dport", tkind + ".dstport")):
            raw = first_raw(tf, field)
            val = first(tf, field)
            if val is not None and present(raw):
                q[out] = num(val)
        if tkind == "tcp":
            # raw position of the sequence number is the entry keyed "tcp.seq_raw" (list form)
            raw = first_raw(tf, "tcp.seq")
            val = first(tf, "tcp.seq_raw")
            if val is None:
                val = first(tf, "tcp.seq")
            if val is not None and present(raw):
                q["seq"] = num(val)
    return {k: q[k] for k in QUOTED_ORDER if k in q}


# ---------------------------------------------------------------------------------------------
# one frame


def frame_record(packet, lts, is_pcapng):
    layers = dict(dict(packet)["_source"])["layers"]
    top = [(k, v) for k, v in layers if not is_raw(v) and k != "pkt_comment"]
    frame = fields(dict(top)["frame"])
    cap_len = num(first(frame, "frame.cap_len"))
    rec = {"input": 0}
    rec["frame"] = num(first(frame, "frame.number"))
    epoch = first(frame, "frame.time_epoch")
    if epoch is not None:  # a pcapng simple packet block has no timestamp: no time field
        rec["time"] = iso_time(epoch)
    rec["frame_len"] = num(first(frame, "frame.len"))
    rec["cap_len"] = cap_len
    if is_pcapng:
        iface = num(first(frame, "frame.interface_id"))
        section = num(first(frame, "frame.section_number")) or 1
        rec["interface"] = iface
        rec["link_type"] = lts[(section, iface)]
    else:
        rec["link_type"] = lts[None]

    names = [k for k, v in top]

    def layer_start(i):
        name = names[i]
        idx = names[:i].count(name)
        return layer_offset(layers, name, idx)

    def malformed_after(i):
        """tshark stopped this layer with an exception (Malformed item right after it)."""
        return i + 1 < len(names) and names[i + 1] == "_ws.malformed"

    vlans = []
    i = 1
    net_index = None
    while i < len(top):
        name, value = top[i]
        if name == "eth":
            start = layer_start(i)
            if start is not None and start + 14 <= cap_len and not malformed_after(i):
                f = fields(value)
                rec["src_mac"] = mac(first(f, "eth.src"))
                rec["dst_mac"] = mac(first(f, "eth.dst"))
            else:
                break
        elif name in ("vlan", "ieee8021ad"):  # 802.1Q tag / 802.1ad (0x88a8) service tag
            start = layer_start(i)
            if start is not None and start + 4 <= cap_len and not malformed_after(i):
                vlans.append(num(first(fields(value), name + ".id")))
            else:
                break
        elif name == "sll":
            f = fields(value)
            start = layer_start(i)
            hdr = 20 if rec["link_type"] == 276 else 16  # LINKTYPE_LINUX_SLL2 / LINUX_SLL
            if start is None or start + hdr > cap_len or malformed_after(i):
                break
            if num(first(f, "sll.halen")) == 6:
                src = first(f, "sll.src.eth")
                if src is not None:
                    rec["src_mac"] = mac(src)
        elif name in ("ip", "ipv6", "arp"):
            net_index = i
            break
        elif name in ("nflog", "raw", "null"):
            pass  # no addresses to report; the IP layer follows
        else:
            break  # something else (data, llc, ...): no network layer we report
        i += 1
    if vlans:
        rec["vlan"] = vlans

    if net_index is not None:
        name, value = top[net_index]
        start = layer_start(net_index)
        f = fields(value)
        if name == "arp":
            hw = num(first(f, "arp.hw.size"))
            pr = num(first(f, "arp.proto.size"))
            ok = (start is not None and hw is not None and pr is not None
                  and start + 8 + 2 * (hw + pr) <= cap_len and not malformed_after(net_index)
                  and not has_malformed(value))
            if ok:
                rec["proto"] = "arp"
                src = first(f, "arp.src.proto_ipv4")
                dst = first(f, "arp.dst.proto_ipv4")
                if src is not None:
                    rec["src"] = src
                if dst is not None:
                    rec["dst"] = dst
                rec["arp_op"] = num(first(f, "arp.opcode"))
                sha = first(f, "arp.src.hw_mac")
                tha = first(f, "arp.dst.hw_mac")
                if sha is not None:
                    rec["arp_sha"] = mac(sha)
                if tha is not None:
                    rec["arp_tha"] = mac(tha)
        else:
            ok = start is not None and not malformed_after(net_index) and not has_malformed(value)
            # Malformed IPv4 options: the fixed header is sound, so its fields (and the option types read
            # up to the bad one) are kept; no transport layer is decoded behind options a stack would reject.
            bad_options = False
            if not ok and start is not None and name == "ip":
                hlen = num(first(f, "ip.hdr_len"))
                tlen = num(first(f, "ip.len"))
                if (hlen is not None and hlen > 20 and start + hlen <= cap_len and tlen is not None and tlen >= hlen
                        and first(f, "ip.src") is not None and first(f, "ip.dst") is not None):
                    ok = bad_options = True
            if ok and name == "ip":
                hlen = num(first(f, "ip.hdr_len"))
                tlen = num(first(f, "ip.len"))
                ok = (first(f, "ip.src") is not None and first(f, "ip.dst") is not None
                      and hlen is not None and hlen >= 20 and start + hlen <= cap_len
                      and tlen is not None and tlen >= hlen)
                if ok:
                    rec.update(ipv4_fields(f, start))
                    ip_end = start + tlen
            elif ok and name == "ipv6":
                plen = num(first(f, "ipv6.plen"))
                ok = (first(f, "ipv6.src") is not None and first(f, "ipv6.dst") is not None
                      and plen is not None and start + 40 <= cap_len)
                if ok:
                    rec.update(ipv6_fields(f))
                    ip_end = start + 40 + plen
            if ok and name == "ipv6":
                # AH is an IPv6 extension header (RFC 8200 §4; tshark nests it in the ipv6 layer): its
                # next header is the final protocol.
                for key, inner in value:
                    if key == "ah" and is_tree(inner):
                        nxt = first(fields(inner), "ah.next_header")
                        if nxt is not None:
                            rec["ip_proto"] = num(nxt)
            if ok:
                non_first = rec.get("frag_offset", 0) > 0
                rec["proto"] = "ip" if non_first else proto_name(rec["ip_proto"])
                limit = min(cap_len, ip_end)
                tp_index = net_index + 1
                if not non_first and not bad_options and tp_index < len(top) and top[tp_index][0] == rec["proto"]:
                    tname, tvalue = top[tp_index]
                    tstart = layer_start(tp_index)
                    tf = fields(tvalue)
                    if tname in ("tcp", "udp") and malformed_after(tp_index):
                        pass  # tshark gave up inside the header (exception): layer omitted
                    elif tname == "tcp":
                        thlen = num(first(tf, "tcp.hdr_len"))
                        # The fixed 20 bytes make the TCP fields; options count only when wholly captured.
                        # A data offset below 5 is bogus: the fixed fields stand, no options, no payload length.
                        if (tstart is not None and thlen is not None and tstart + 20 <= limit
                                and (thlen < 20 or first(tf, "tcp.flags") is not None)):
                            if thlen < 20:
                                t = bogus_tcp_fields(frame_bytes(layers), tstart)
                            else:
                                t = tcp_fields(tf)
                            if thlen < 20 or tstart + thlen > limit:
                                for k in ("tcp_options", "mss", "wscale", "sack_perm", "ts_val", "ts_ecr"):
                                    t.pop(k, None)
                            elif thlen >= 20:
                                # The payload runs from the data offset to the end of the IP packet (as captured).
                                t["payload_head"] = payload_head(frame_bytes(layers), tstart + thlen, limit,
                                                                 tshark_payload_field(tf, "tcp.payload"))
                            rec.update(t)
                    elif tname == "udp":
                        if tstart is not None and tstart + 8 <= limit:
                            u = udp_fields(tf)
                            # A UDP length below 8 or beyond the IP payload leaves the payload's end unknown.
                            ulen = u["udp_len"]
                            if ulen >= 8 and (rec.get("more_fragments") or tstart + ulen <= ip_end):
                                u["payload_head"] = payload_head(frame_bytes(layers), tstart + 8, min(limit, tstart + ulen),
                                                                 tshark_payload_field(tf, "udp.payload"))
                            rec.update(u)
                    elif tname in ("icmp", "icmpv6"):
                        if tstart is not None and tstart + 8 <= limit:
                            p = tname + "."
                            itype = num(first(tf, p + "type"))
                            rec["icmp_type"] = itype
                            rec["icmp_code"] = num(first(tf, p + "code"))
                            # Everything after the 8-byte ICMP header. Echo data is tshark's data.data, after the
                            # timestamp tshark reads from the first 8 or 16 bytes when they look like one (icmp.data_time).
                            echo_data = None
                            if itype in (0, 8, 128, 129):
                                stamp = first_raw(tf, "icmp.data_time")
                                skipped = stamp[1] if stamp is not None and stamp[0] == tstart + 8 else 0
                                for key, inner in tvalue:
                                    if key == "data" and is_tree(inner):
                                        echo_data = tshark_payload_field(fields(inner), "data.data", skipped)
                            rec["payload_head"] = payload_head(frame_bytes(layers), tstart + 8, limit, echo_data)
                            if tname == "icmp" and itype in ICMP4_WITH_ID:
                                rec["icmp_id"] = num(first(tf, "icmp.ident"))
                                rec["icmp_seq"] = num(first(tf, "icmp.seq"))
                            elif tname == "icmpv6" and itype in ICMP6_WITH_ID:
                                rec["icmp_id"] = num(first(tf, "icmpv6.echo.identifier"))
                                rec["icmp_seq"] = num(first(tf, "icmpv6.echo.sequence_number"))
                            if ((tname == "icmp" and itype in ICMP4_ERRORS)
                                    or (tname == "icmpv6" and itype in ICMP6_ERRORS)):
                                q = quoted_fields(tvalue, limit)
                                if q:
                                    rec["quoted"] = q

    out = {k: rec[k] for k in KEY_ORDER if k in rec and rec[k] is not None}
    missing = [k for k in rec if k not in KEY_ORDER]
    assert not missing, missing
    return out


# ---------------------------------------------------------------------------------------------


def run_tshark(path, env):
    cmd = ["tshark", "-n", "-r", path, "-T", "json", "-x"]
    for pref in TSHARK_PREFS:
        cmd += ["-o", pref]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise RuntimeError("tshark failed on %s: %s" % (path, proc.stderr.strip()))
    text = proc.stdout.strip()
    if not text:
        return []
    return json.loads(text, object_pairs_hook=lambda pairs: pairs)


def find_captures():
    # Every capture under tests/data: public samples, fixtures made by real tools, synthetic edge cases.
    found = []
    for root, dirs, files in os.walk(DATA):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".pcap") or name.endswith(".pcapng"):
                found.append(os.path.join(root, name))
    return sorted(found)


def main(argv):
    version = subprocess.run(["tshark", "-v"], capture_output=True, text=True).stdout.splitlines()[0]
    if EXPECTED_TSHARK not in version:
        print("warning: expected TShark %s, found: %s" % (EXPECTED_TSHARK, version), file=sys.stderr)
    captures = [os.path.abspath(a) for a in argv[1:]] or find_captures()
    total_frames = 0
    failures = 0
    with tempfile.TemporaryDirectory() as cfg:
        env = dict(os.environ, WIRESHARK_CONFIG_DIR=cfg)
        for path in captures:
            rel = os.path.relpath(path, DATA)
            try:
                packets = run_tshark(path, env)
                lts = link_types(path)
                pcapng = not (None in lts)
                lines = [json.dumps(frame_record(p, lts, pcapng), separators=(",", ":"))
                         for p in packets]
            except Exception as exc:  # report and carry on with the other captures
                print("FAILED %s: %s" % (rel, exc), file=sys.stderr)
                failures += 1
                continue
            with open(path + ".tshark.jsonl", "w", encoding="utf-8", newline="\n") as fh:
                for line in lines:
                    fh.write(line + "\n")
            total_frames += len(lines)
            print("%6d  %s" % (len(lines), rel))
    print("%d captures, %d frames (%s)" % (len(captures) - failures, total_frames, version))
    if failures:
        print("%d captures failed" % failures, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
