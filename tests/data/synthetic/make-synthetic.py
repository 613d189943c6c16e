#!/usr/bin/env python3
"""Write Spoor's synthetic edge-case captures into tests/data/synthetic/.

Every byte is built by hand with struct (Python standard library only; scapy is not used), so the
output is byte-for-byte deterministic: fixed timestamps, fixed addresses, ports, IDs and sequence
numbers, no randomness, no clock. Checksums (IPv4, TCP, UDP, ICMP, ICMPv6, SCTP CRC32c) are computed
correctly unless a case says otherwise. Addresses are from the documentation ranges (192.0.2.0/24,
198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) and MACs are locally administered (02:...).

Usage: python3 tests/data/synthetic/make-synthetic.py [output-dir]
Then:  python3 tests/data/tshark/make-expected.py   (writes the .tshark.jsonl files)
"""

import os
import socket
import struct
import sys

OUT = os.path.dirname(os.path.abspath(__file__))

BASE = 1700000000  # 2023-11-14T22:13:20Z; each capture starts at its own offset from here

# ---------------------------------------------------------------------------------------------
# addresses

MAC_A = "02:00:00:00:00:0a"
MAC_B = "02:00:00:00:00:0b"
MAC_R = "02:00:00:00:00:01"  # a router
BCAST = "ff:ff:ff:ff:ff:ff"

H4A = "192.0.2.10"
H4B = "198.51.100.20"
R4 = "203.0.113.1"
H6A = "2001:db8::a"
H6B = "2001:db8::b"
R6 = "2001:db8::1"


def mac(text):
    return bytes.fromhex(text.replace(":", ""))


def a4(text):
    return socket.inet_pton(socket.AF_INET, text)


def a6(text):
    return socket.inet_pton(socket.AF_INET6, text)


def addr(text):
    return a6(text) if ":" in text else a4(text)


# ---------------------------------------------------------------------------------------------
# checksums


def csum(data):
    if len(data) % 2:
        data += b"\x00"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def pseudo(src, dst, proto, length):
    if ":" in src:
        return a6(src) + a6(dst) + struct.pack("!IxxxB", length, proto)
    return a4(src) + a4(dst) + struct.pack("!xBH", proto, length)


def put16(data, offset, value):
    return data[:offset] + struct.pack("!H", value) + data[offset + 2:]


def crc32c(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


# ---------------------------------------------------------------------------------------------
# headers


def ipv4(src, dst, proto, payload, ttl=64, ident=0x0100, df=False, mf=False, frag=0, tos=0,
         options=b"", total_len=None):
    """IPv4 header + payload. frag is the fragment offset in bytes (a multiple of 8)."""
    assert len(options) % 4 == 0 and frag % 8 == 0
    hlen = 20 + len(options)
    tlen = hlen + len(payload) if total_len is None else total_len
    flags = (0x4000 if df else 0) | (0x2000 if mf else 0) | (frag // 8)
    hdr = struct.pack("!BBHHHBBH4s4s", 0x40 | (hlen // 4), tos, tlen, ident, flags, ttl, proto, 0,
                      a4(src), a4(dst)) + options
    return put16(hdr, 10, csum(hdr)) + payload


def ipv6(src, dst, nxt, payload, hlim=64, tclass=0, flow=0, plen=None):
    plen = len(payload) if plen is None else plen
    first = (6 << 28) | (tclass << 20) | flow
    return struct.pack("!IHBB16s16s", first, plen, nxt, hlim, a6(src), a6(dst)) + payload


def tcp(src, dst, sport, dport, seq=0, ack=0, flags=0x002, window=65535, urg=0, options=b"",
        payload=b"", doff=None):
    """TCP header. flags is the 12-bit field (3 reserved bits, AE/NS, CWR ... FIN)."""
    assert len(options) % 4 == 0
    doff = (20 + len(options)) // 4 if doff is None else doff
    hdr = struct.pack("!HHIIHHHH", sport, dport, seq, ack, (doff << 12) | (flags & 0xFFF), window, 0,
                      urg) + options
    seg = hdr + payload
    return put16(seg, 16, csum(pseudo(src, dst, 6, len(seg)) + seg))


def udp(src, dst, sport, dport, payload=b"", length=None):
    length = 8 + len(payload) if length is None else length
    seg = struct.pack("!HHHH", sport, dport, length, 0) + payload
    c = csum(pseudo(src, dst, 17, len(seg)) + seg)
    return put16(seg, 6, c or 0xFFFF)


def icmp(itype, code, rest=b"\x00\x00\x00\x00", data=b""):
    msg = struct.pack("!BBH", itype, code, 0) + rest + data
    return put16(msg, 2, csum(msg))


def icmp_echo(itype, ident, seq, data=b""):
    return icmp(itype, 0, struct.pack("!HH", ident, seq), data)


def icmp6(src, dst, itype, code, body):
    msg = struct.pack("!BBH", itype, code, 0) + body
    return put16(msg, 2, csum(pseudo(src, dst, 58, len(msg)) + msg))


def ether(dst, src, etype, payload, pad_to=0, pad_byte=b"\x00"):
    frame = mac(dst) + mac(src) + struct.pack("!H", etype) + payload
    if len(frame) < pad_to:
        frame += pad_byte * (pad_to - len(frame))
    return frame


def vlan_tag(tpid, vid, pcp=0, dei=0):
    return struct.pack("!HH", tpid, (pcp << 13) | (dei << 12) | vid)


def arp(op, sha, spa, tha, tpa):
    return struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, op, mac(sha), a4(spa), mac(tha), a4(tpa))


# TCP options
def o_mss(v):
    return struct.pack("!BBH", 2, 4, v)


def o_ws(v):
    return struct.pack("!BBB", 3, 3, v)


def o_ts(val, ecr):
    return struct.pack("!BBII", 8, 10, val, ecr)


O_SACKP = b"\x04\x02"
O_NOP = b"\x01"
O_EOL = b"\x00"
LINUX_SYN_OPTS = o_mss(1460) + O_SACKP + o_ts(1000, 0) + O_NOP + o_ws(7)  # 20 bytes


# ---------------------------------------------------------------------------------------------
# file writers


def write_pcap(name, linktype, packets, endian="<", nano=False, snaplen=65535):
    """packets: list of (sec, frac, data[, caplen]); frac is in microseconds or nanoseconds (nano)."""
    magic = 0xA1B23C4D if nano else 0xA1B2C3D4
    out = struct.pack(endian + "IHHiIII", magic, 2, 4, 0, 0, snaplen, linktype)
    for pkt in packets:
        sec, frac, data = pkt[:3]
        caplen = pkt[3] if len(pkt) > 3 else min(len(data), snaplen)
        out += struct.pack(endian + "IIII", sec, frac, caplen, len(data)) + data[:caplen]
    with open(os.path.join(OUT, name), "wb") as fh:
        fh.write(out)
    return name, len(packets)


def pad4(data):
    return data + b"\x00" * (-len(data) % 4)


def opt(code, value):
    return struct.pack("<HH", code, len(value)) + pad4(value)


OPT_END = struct.pack("<HH", 0, 0)


def block(btype, body):
    body = pad4(body)
    length = 12 + len(body)
    return struct.pack("<II", btype, length) + body + struct.pack("<I", length)


def ts_split(units):
    return struct.pack("<II", units >> 32, units & 0xFFFFFFFF)


# ---------------------------------------------------------------------------------------------
# common packets


def syn4(src=H4A, dst=H4B, sport=49152, dport=80, seq=0x11223344, opts=LINUX_SYN_OPTS, **kw):
    return ipv4(src, dst, 6, tcp(src, dst, sport, dport, seq=seq, flags=0x002, window=64240,
                                 options=opts), **kw)


def udp6(src=H6A, dst=H6B, sport=50000, dport=50001, payload=b"spoor-udp6", **kw):
    return ipv6(src, dst, 17, udp(src, dst, sport, dport, payload), **kw)


def echo6(src=H6A, dst=H6B, itype=128, ident=0x4242, seq=1):
    return ipv6(src, dst, 58, icmp6(src, dst, itype, 0, struct.pack("!HH", ident, seq) + b"spoor-echo6"))


def t(i, base, usec=0):
    return BASE + base + i, usec


# ---------------------------------------------------------------------------------------------
# the captures


def null_packets(endian, base):
    fam = lambda v: struct.pack(endian + "I", v)
    pkts = [
        fam(2) + syn4(ident=0x2001),                     # AF_INET, IPv4 TCP SYN
        fam(30) + udp6(),                                # AF_INET6 as on macOS/iOS (30)
        fam(24) + echo6(),                               # AF_INET6 as on NetBSD/OpenBSD (24)
        fam(28) + echo6(H6B, H6A, 129),                  # AF_INET6 as on FreeBSD/DragonFly (28)
    ]
    return [t(i, base, 100000 * i + 1) + (p,) for i, p in enumerate(pkts)]


def make_null_le():
    return write_pcap("linktype-null-le.pcap", 0, null_packets("<", 0), endian="<")


def make_null_be():
    return write_pcap("linktype-null-be.pcap", 0, null_packets(">", 100), endian=">")


def make_loop():
    fam = lambda v: struct.pack(">I", v)  # LINKTYPE_LOOP: always network byte order
    pkts = [
        fam(2) + syn4(ident=0x2002),
        fam(24) + udp6(),                                # OpenBSD AF_INET6
        fam(28) + echo6(),                               # FreeBSD AF_INET6
    ]
    return write_pcap("linktype-loop.pcap", 108, [t(i, 200, 250000 * i) + (p,) for i, p in enumerate(pkts)])


def sll(pkttype, proto, src_mac, payload, hatype=1):
    hw = mac(src_mac)
    return struct.pack("!HHH8sH", pkttype, hatype, len(hw), hw, proto) + payload


def make_sll():
    syn = syn4(ident=0x3001)
    synack = ipv4(H4B, H4A, 6, tcp(H4B, H4A, 80, 49152, seq=0x55667788, ack=0x11223345, flags=0x012,
                                   window=65160, options=LINUX_SYN_OPTS), ident=0, df=True)
    pkts = [
        sll(0, 0x0800, MAC_A, syn),                                            # to us
        sll(4, 0x0800, MAC_B, synack),                                         # sent by us
        sll(1, 0x0806, MAC_A, arp(1, MAC_A, H4A, "00:00:00:00:00:00", "192.0.2.1")),  # broadcast
        sll(0, 0x0806, MAC_R, arp(2, MAC_R, "192.0.2.1", MAC_A, H4A)),         # reply to us
    ]
    return write_pcap("linktype-sll.pcap", 113, [t(i, 300, 1000 * i) + (p,) for i, p in enumerate(pkts)])


def raw_mix():
    return [
        ipv4(H4A, H4B, 17, udp(H4A, H4B, 50000, 50001, b"spoor-raw4"), ident=0x4001),
        ipv6(H6A, H6B, 6, tcp(H6A, H6B, 49153, 443, seq=0x01020304, flags=0x002, window=64800,
                             options=LINUX_SYN_OPTS)),
        ipv4(H4A, H4B, 1, icmp_echo(8, 0x0a0b, 7, b"spoor"), ident=0x4002),
    ]


def make_raw_ipv6():
    pkts = [
        ipv6(H6A, H6B, 6, tcp(H6A, H6B, 49153, 443, seq=0x01020304, flags=0x002, window=64800,
                             options=LINUX_SYN_OPTS), flow=0x12345),
        udp6(tclass=0xb8),
        echo6(),
    ]
    return write_pcap("linktype-raw-ipv6.pcap", 229, [t(i, 400, 5 * i) + (p,) for i, p in enumerate(pkts)])


def make_raw_14():
    return write_pcap("linktype-raw-14.pcap", 14, [t(i, 500, 7 * i) + (p,) for i, p in enumerate(raw_mix())])


def make_raw_12():
    return write_pcap("linktype-raw-12.pcap", 12, [t(i, 600, 9 * i) + (p,) for i, p in enumerate(raw_mix())])


def make_vlan():
    ip_udp = ipv4(H4A, H4B, 17, udp(H4A, H4B, 50000, 50001, b"spoor-qinq"), ident=0x5001)
    pkts = [
        # 802.1ad S-tag 100 (PCP 3) then 802.1Q C-tag 200, IPv4 UDP
        mac(MAC_B) + mac(MAC_A) + vlan_tag(0x88A8, 100, pcp=3) + vlan_tag(0x8100, 200)
        + struct.pack("!H", 0x0800) + ip_udp,
        # single 802.1Q tag 10 (DEI set) carrying an ARP request, padded to 64 bytes as on the wire
        ether(BCAST, MAC_A, 0x8100, struct.pack("!HH", (5 << 13) | (1 << 12) | 10, 0x0806)
              + arp(1, MAC_A, H4A, "00:00:00:00:00:00", "192.0.2.1"), pad_to=64),
        # the older Q-in-Q form: two 802.1Q tags (0x8100 outer, 300 then 301), IPv6 ICMPv6 echo
        mac(MAC_B) + mac(MAC_A) + vlan_tag(0x8100, 300) + vlan_tag(0x8100, 301)
        + struct.pack("!H", 0x86DD) + echo6(),
    ]
    return write_pcap("vlan-qinq.pcap", 1, [t(i, 700, 1000 * i) + (p,) for i, p in enumerate(pkts)])


def make_ipv6_ext():
    e6 = lambda ip, dst=MAC_B, src=MAC_A: ether(dst, src, 0x86DD, ip)
    pkts = []

    # 1. hop-by-hop (router alert + PadN) -> destination options (PadN) -> TCP SYN with options
    seg = tcp(H6A, H6B, 49200, 80, seq=0x61626364, flags=0x002, window=64800, options=LINUX_SYN_OPTS)
    hbh = struct.pack("!BB", 60, 0) + b"\x05\x02\x00\x00" + b"\x01\x00"
    dst = struct.pack("!BB", 6, 0) + b"\x01\x04\x00\x00\x00\x00"
    pkts.append(e6(ipv6(H6A, H6B, 0, hbh + dst + seg)))

    # 2. routing header type 0 (one address, segments left 1) -> UDP; checksum uses the final address
    final = "2001:db8::c"
    body = udp(H6A, final, 50000, 50001, b"spoor-rh0")
    rh0 = struct.pack("!BBBBI", 17, 2, 0, 1, 0) + a6(final)
    pkts.append(e6(ipv6(H6A, H6B, 43, rh0 + body)))

    # 3. segment routing header (type 4, two segments, segments left 1) -> UDP
    final = "2001:db8::d"
    body = udp(H6A, final, 50002, 50003, b"spoor-srh")
    srh = struct.pack("!BBBBBBH", 17, 4, 4, 1, 1, 0, 0) + a6(final) + a6(H6B)
    pkts.append(e6(ipv6(H6A, H6B, 43, srh + body)))

    # 4./5. a UDP datagram of 48 bytes in two fragments: 24 bytes at offset 0 (M=1), 24 at offset 24
    dgram = udp(H6A, H6B, 50004, 50005, b"spoor-fragmented-udp-40-bytes-payload!!!")
    assert len(dgram) == 48
    ident = 0x0BADCAFE
    frag1 = struct.pack("!BBHI", 17, 0, (0 << 3) | 1, ident) + dgram[:24]
    frag2 = struct.pack("!BBHI", 17, 0, ((24 // 8) << 3) | 0, ident) + dgram[24:]
    pkts.append(e6(ipv6(H6A, H6B, 44, frag1)))
    pkts.append(e6(ipv6(H6A, H6B, 44, frag2)))

    # 6. an atomic fragment (RFC 6946: offset 0, M=0) holding a whole ICMPv6 echo request
    msg = icmp6(H6A, H6B, 128, 0, struct.pack("!HH", 0x4243, 9) + b"atomic")
    frag = struct.pack("!BBHI", 58, 0, 0, 0x00ABCDEF) + msg
    pkts.append(e6(ipv6(H6A, H6B, 44, frag)))

    # 7. authentication header (12-byte ICV, so length field 4) -> TCP SYN-ACK
    seg = tcp(H6B, H6A, 80, 49200, seq=0x71727374, ack=0x61626365, flags=0x012, window=64260,
              options=LINUX_SYN_OPTS)
    ah = struct.pack("!BBHII", 6, 4, 0, 0x00001000, 1) + b"\xaa" * 12
    pkts.append(e6(ipv6(H6B, H6A, 51, ah + seg), MAC_A, MAC_B))

    # 8. ICMPv6 destination unreachable (administratively prohibited) quoting IPv6 + TCP SYN
    quoted = ipv6(H6A, H6B, 6, tcp(H6A, H6B, 49201, 25, seq=0x0a0b0c0d, flags=0x002, window=64800,
                                   options=LINUX_SYN_OPTS), hlim=63)
    pkts.append(e6(ipv6(R6, H6A, 58, icmp6(R6, H6A, 1, 1, b"\x00" * 4 + quoted)), MAC_A, MAC_R))

    # 9. ICMPv6 packet too big (MTU 1280) quoting the start of a 1448-byte UDP datagram
    q_udp = udp(H6A, H6B, 50006, 50007, b"\x00" * 1440)
    quoted = ipv6(H6A, H6B, 17, q_udp, hlim=62)[:40 + 8 + 32]
    pkts.append(e6(ipv6(R6, H6A, 58, icmp6(R6, H6A, 2, 0, struct.pack("!I", 1280) + quoted)), MAC_A, MAC_R))

    # 10./11. ICMPv6 echo request and reply
    pkts.append(e6(echo6(H6A, H6B, 128, 0x4242, 1)))
    pkts.append(e6(echo6(H6B, H6A, 129, 0x4242, 1), MAC_A, MAC_B))

    # 12. neighbour solicitation for 2001:db8::b to its solicited-node group, with source LL option
    sn = "ff02::1:ff00:b"
    ns = b"\x00" * 4 + a6(H6B) + b"\x01\x01" + mac(MAC_A)
    pkts.append(ether("33:33:ff:00:00:0b", MAC_A, 0x86DD, ipv6(H6A, sn, 58, icmp6(H6A, sn, 135, 0, ns), hlim=255)))

    return write_pcap("ipv6-extensions.pcap", 1, [t(i, 800, 1000 * i) + (p,) for i, p in enumerate(pkts)])


def make_icmp():
    e4 = lambda ip, dst=MAC_B, src=MAC_A: ether(dst, src, 0x0800, ip)
    rev = lambda ip: e4(ip, MAC_A, MAC_B)
    fwd = lambda msg, ident: e4(ipv4(H4A, H4B, 1, msg, ident=ident))
    back = lambda msg, ident: rev(ipv4(H4B, H4A, 1, msg, ident=ident))
    from_router = lambda msg, ident: e4(ipv4(R4, H4A, 1, msg, ident=ident, tos=0xc0), MAC_A, MAC_R)
    ms = 80000000  # 22:13:20 UT in milliseconds since midnight
    pkts = [
        fwd(icmp(13, 0, struct.pack("!HH", 0x0101, 1), struct.pack("!III", ms, 0, 0)), 0x6001),
        back(icmp(14, 0, struct.pack("!HH", 0x0101, 1), struct.pack("!III", ms, ms + 1, ms + 1)), 0x6002),
        fwd(icmp(17, 0, struct.pack("!HH", 0x0202, 1), struct.pack("!I", 0)), 0x6003),
        back(icmp(18, 0, struct.pack("!HH", 0x0202, 1), a4("255.255.255.0")), 0x6004),
        fwd(icmp(15, 0, struct.pack("!HH", 0x0303, 1)), 0x6005),
        fwd(icmp_echo(8, 0x1234, 0x0102, b"spoor-icmp-echo"), 0x6006),
        back(icmp_echo(0, 0x1234, 0x0102, b"spoor-icmp-echo"), 0x6007),
    ]
    # time exceeded in transit quoting a TCP SYN: IP header (total length 60) + 8 TCP bytes
    q = syn4(ttl=1, ident=0x7001)[:28]
    pkts.append(from_router(icmp(11, 0, b"\x00" * 4, q), 0x6008))
    # port unreachable from the target quoting a UDP probe (whole probe quoted)
    probe = ipv4(H4A, H4B, 17, udp(H4A, H4B, 50000, 33434, b"spoor-probe!"), ttl=3, ident=0x7002)
    pkts.append(back(icmp(3, 3, b"\x00" * 4, probe), 0x6009))
    # redirect for host (code 1) to gateway 192.0.2.254 quoting an ICMP echo request
    echo = ipv4(H4A, H4B, 1, icmp_echo(8, 0x1234, 0x0103, b"spoor-icmp-echo"), ident=0x7003)[:28]
    pkts.append(e4(ipv4("192.0.2.1", H4A, 1, icmp(5, 1, a4("192.0.2.254"), echo), ident=0x600a), MAC_A, MAC_R))
    # parameter problem, pointer 20 (the first option byte) quoting an IPv4 header with a
    # router-alert option and the 8 UDP bytes behind it
    bad = ipv4(H4A, H4B, 17, udp(H4A, H4B, 50001, 50002, b"x"), options=b"\x94\x04\x00\x00", ident=0x7004)[:32]
    pkts.append(back(icmp(12, 0, struct.pack("!B3x", 20), bad), 0x600b))
    # fragmentation needed (3/4) with next-hop MTU 1400 quoting 8 TCP bytes
    q = syn4(ident=0x7005, df=True)[:28]
    pkts.append(from_router(icmp(3, 4, struct.pack("!HH", 0, 1400), q), 0x600c))
    # host unreachable whose quote stops after the quoted IP header (20 bytes only)
    q = syn4(ident=0x7006)[:20]
    pkts.append(from_router(icmp(3, 1, b"\x00" * 4, q), 0x600d))
    return write_pcap("icmp-variety.pcap", 1, [t(i, 900, 1000 * i) + (p,) for i, p in enumerate(pkts)])


def make_tcp():
    def pkt(flags, sport=40000, dport=80, seq=0x01000000, ack=0, window=1024, urg=0, options=b"",
            doff=None, ident=0x8000, ttl=64, payload=b""):
        seg = tcp(H4A, H4B, sport, dport, seq=seq, ack=ack, flags=flags, window=window, urg=urg,
                  options=options, doff=doff, payload=payload)
        return ether(MAC_B, MAC_A, 0x0800, ipv4(H4A, H4B, 6, seg, ident=ident, ttl=ttl))

    pkts = [
        pkt(0xE02, ident=0x8001),                                   # SYN + the 3 reserved bits
        pkt(0x110, seq=0x02000000, ack=0x03000000, ident=0x8002),   # AE/NS + ACK
        pkt(0x0C2, options=o_mss(1460) + O_SACKP + O_NOP + O_NOP, ident=0x8003),   # ECN setup SYN (CWR+ECE)
        pkt(0x1C2, options=o_mss(1460) + O_SACKP + O_NOP + O_NOP, ident=0x8004),   # AccECN setup SYN (AE+CWR+ECE)
        # FIN+RST+PSH, seq 0xA1D95, ack 0x53 (ACK flag clear), window 0x400, IP ID 242, TTL 44, sport 31337
        pkt(0x00D, sport=31337, dport=80, seq=0xA1D95, ack=0x53, window=0x400, ident=242, ttl=44),
        pkt(0xFFF, urg=0x0102, ident=0x8006),                       # every one of the 12 flag bits
        pkt(0x029, urg=0x0001, ident=0x8007),                       # Xmas: FIN+PSH+URG with urgent pointer
        pkt(0x000, ident=0x8008),                                   # null scan: no flags
        pkt(0x010, seq=0x04000000, ack=0, ident=0x8009),            # ACK flag with ack 0
        pkt(0x002, seq=0x05000000, ack=0x12345678, ident=0x800a),   # SYN, ack non-zero without ACK flag
        # nmap T-probe order: WS 14, NOP, MSS 265, TS(0xFFFFFFFF, 0), SACK permitted
        pkt(0x002, sport=40001, window=31337, options=o_ws(14) + O_NOP + o_mss(265)
            + o_ts(0xFFFFFFFF, 0) + O_SACKP, ident=0x800b),
        # FIN+PSH+URG with WS 15 (above the RFC 7323 maximum of 14), like nmap's T7 probe
        pkt(0x029, sport=40002, window=65535, options=o_ws(15) + O_NOP + o_mss(265)
            + o_ts(0xFFFFFFFF, 0) + O_SACKP, ident=0x800c),
        # MSS, SACK permitted, EOL, then 5 zero padding bytes
        pkt(0x002, sport=40003, options=o_mss(1460) + O_SACKP + O_EOL + b"\x00" * 5, ident=0x800d),
        # MSS 1400, EOL, then bytes that look like options (an MSS 1460 and a WS 3) after the EOL
        pkt(0x002, sport=40004, options=o_mss(1400) + O_EOL + o_mss(1460) + o_ws(3), ident=0x800e),
        # malformed option: NOP, NOP, timestamp kind 8 with length 1, then 5 zero bytes
        pkt(0x002, sport=40005, options=O_NOP + O_NOP + b"\x08\x01" + b"\x00" * 4, ident=0x800f),
        # data offset 4 (16 bytes: invalid), 20 header bytes present
        pkt(0x002, sport=40006, doff=4, ident=0x8010),
        # source port 0
        pkt(0x002, sport=0, dport=80, ident=0x8011),
    ]
    return write_pcap("tcp-flags-and-options.pcap", 1, [t(i, 1000, 1000 * i) + (p,) for i, p in enumerate(pkts)])


def make_ipv4_edge():
    e4 = lambda ip, **kw: ether(MAC_B, MAC_A, 0x0800, ip, **kw)
    rr = b"\x07\x0b\x08" + a4("198.51.100.1") + a4("0.0.0.0") + O_EOL          # 12 bytes
    ts = b"\x44\x0c\x09\x00" + struct.pack("!I", 80000000) + struct.pack("!I", 0)  # 12 bytes
    both = b"\x07\x07\x04" + a4("0.0.0.0") + b"\x44\x0c\x05\x00" + b"\x00" * 8 + O_EOL  # 20 bytes
    syn = tcp(H4A, H4B, 40100, 80, seq=0x0A0B0C0D, flags=0x002, window=64240, options=LINUX_SYN_OPTS)
    gre_inner = ipv4("10.0.0.1", "10.0.0.2", 1, icmp_echo(8, 0x0777, 1, b"spoor-gre"), ident=0x9101)
    sctp = struct.pack("!HHII", 5000, 5001, 0, 0) + struct.pack("!BBHIIHHI", 1, 0, 20, 0x01020304, 65536, 10, 10, 1)
    sctp = sctp[:8] + struct.pack("<I", crc32c(sctp)) + sctp[12:]
    pkts = [
        e4(ipv4(H4A, H4B, 1, icmp_echo(8, 0x0999, 1, b"spoor-rr"), options=rr, ident=0x9001)),
        e4(ipv4(H4A, H4B, 17, udp(H4A, H4B, 50000, 50001, b"spoor-ts"), options=ts, ident=0x9002)),
        e4(ipv4(H4A, H4B, 6, syn, options=both, ident=0x9003)),
        # tiny first fragment: MF, offset 0, 8 bytes of TCP (ports and sequence number)
        e4(ipv4(H4A, H4B, 6, syn[:8], mf=True, ident=0x9004)),
        # the rest of that TCP header and its options at offset 8
        e4(ipv4(H4A, H4B, 6, syn[8:], frag=8, ident=0x9004)),
        # TTL 0
        e4(ipv4(H4A, H4B, 17, udp(H4A, H4B, 50002, 50003, b"spoor-ttl0"), ttl=0, ident=0x9005)),
        # DF and MF both set, offset 0: first fragment of a 100-byte UDP datagram (24 bytes here)
        e4(ipv4(H4A, H4B, 17, udp(H4A, H4B, 50004, 50005, b"\x11" * 16, length=100), df=True, mf=True,
                ident=0x9006)),
        # GRE (47) carrying IPv4 ICMP echo
        e4(ipv4(H4A, H4B, 47, struct.pack("!HH", 0, 0x0800) + gre_inner, ident=0x9007)),
        # SCTP (132) INIT
        e4(ipv4(H4A, H4B, 132, sctp, ident=0x9008)),
        # short IPv4 UDP (1 payload byte, IP length 29) padded to 60 bytes with non-zero bytes
        e4(ipv4(H4A, H4B, 17, udp(H4A, H4B, 50006, 50007, b"!"), ident=0x9009), pad_to=60, pad_byte=b"\xee"),
        # bare TCP ACK (IP length 40) padded to 60 bytes with zeros
        e4(ipv4(H4A, H4B, 6, tcp(H4A, H4B, 40101, 80, seq=0x0A0B0C0E, ack=0x01010101, flags=0x010,
                                 window=502), ident=0x900a, df=True), pad_to=60),
    ]
    return write_pcap("ipv4-edge.pcap", 1, [t(i, 1100, 1000 * i) + (p,) for i, p in enumerate(pkts)])


def make_pcap_ns():
    def p(i):
        ip = ipv4(H4A, H4B, 17, udp(H4A, H4B, 50000, 50001 + i, b"spoor-ns"), ident=0xA000 + i)
        return ether(MAC_B, MAC_A, 0x0800, ip)
    stamps = [(BASE + 1200, 123456789), (BASE + 1200, 123456790), (BASE + 1201, 1)]
    return write_pcap("pcap-nanoseconds.pcap", 1, [(s, ns, p(i)) for i, (s, ns) in enumerate(stamps)], nano=True)


def make_pcapng():
    sec0 = BASE + 1300
    eth = lambda i: ether(MAC_B, MAC_A, 0x0800,
                          ipv4(H4A, H4B, 17, udp(H4A, H4B, 50000, 50000 + i, b"spoor-ng"), ident=0xB000 + i))
    raw = lambda i: ipv4(H4B, H4A, 17, udp(H4B, H4A, 51000, 51000 + i, b"spoor-ng-raw"), ident=0xB100 + i)

    def epb(iface, units, data, options=b""):
        body = struct.pack("<I", iface) + ts_split(units) + struct.pack("<II", len(data), len(data)) + pad4(data)
        if options:
            body += options + OPT_END
        return block(6, body)

    ns = lambda s, n: s * 1000000000 + n
    # interface 1 counts 2^-10 s units from if_tsoffset = 3600 s, so its stored seconds are an hour
    # earlier than the real time
    b10 = lambda s, units: (s - 3600) * 1024 + units

    shb = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)
                + opt(4, b"spoor make-synthetic.py") + OPT_END)
    idb0 = block(1, struct.pack("<HHI", 1, 0, 65535) + opt(2, b"eth0") + opt(9, b"\x09") + OPT_END)
    idb1 = block(1, struct.pack("<HHI", 101, 0, 65535) + opt(2, b"tun0") + opt(9, b"\x8a")
                 + opt(14, struct.pack("<q", 3600)) + OPT_END)
    nrb_records = (struct.pack("<HH", 1, 4 + 15) + pad4(a4(H4A) + b"host-a.example\x00")
                   + struct.pack("<HH", 2, 16 + 15) + pad4(a6(H6B) + b"host-b.example\x00")
                   + struct.pack("<HH", 0, 0))
    nrb = block(4, nrb_records + OPT_END)
    isb = block(5, struct.pack("<I", 0) + ts_split(ns(sec0 + 3, 0))
                + opt(2, ts_split(ns(sec0, 0))) + opt(3, ts_split(ns(sec0 + 3, 0)))
                + opt(4, struct.pack("<Q", 3)) + opt(5, struct.pack("<Q", 0)) + OPT_END)
    spb_data = eth(4)
    spb = block(3, struct.pack("<I", len(spb_data)) + pad4(spb_data))

    blocks = [
        shb, idb0, idb1,
        epb(0, ns(sec0, 123456789), eth(1)),                                   # frame 1: if 0, ns
        epb(1, b10(sec0, 512), raw(1)),                                        # frame 2: if 1, .5 s
        nrb,
        epb(0, ns(sec0 + 1, 1), eth(2), opt(1, b"frame 3 after a name resolution block")),
        isb,
        epb(1, b10(sec0 + 2, 1), raw(2)),                                      # frame 4: 1/1024 s
        spb,                                                                   # frame 5: no timestamp
        epb(0, ns(sec0 + 3, 999999999), eth(3)),                               # frame 6
    ]
    with open(os.path.join(OUT, "pcapng-tsresol.pcapng"), "wb") as fh:
        fh.write(b"".join(blocks))
    return "pcapng-tsresol.pcapng", 6


def make_snaplen():
    def syn(sport, opts, ident):
        return ether(MAC_B, MAC_A, 0x0800, syn4(sport=sport, opts=opts, ident=ident))

    rr39 = b"\x07\x27\x04" + b"\x00" * 36 + O_EOL   # record route with 9 empty slots + EOL: 40 bytes
    with_opts = ether(MAC_B, MAC_A, 0x0800, ipv4(H4A, H4B, 6, tcp(H4A, H4B, 40200, 80, seq=0x0C0C0C0C,
                                                                  flags=0x002, options=o_mss(1460)),
                                                 options=rr39, ident=0xC005))
    plain = syn(40201, o_mss(1460) + O_SACKP + O_NOP + O_NOP, 0xC006)
    pkts = [
        syn(40100, LINUX_SYN_OPTS, 0xC001),                                    # 74 bytes, cut to 54
        ether(MAC_A, MAC_B, 0x0800, ipv4(H4B, H4A, 6, tcp(H4B, H4A, 80, 40100, seq=0x0D0D0D0D,
                                                          ack=0x11223345, flags=0x012, window=65160,
                                                          options=LINUX_SYN_OPTS), ident=0xC002)),
        syn(40101, o_ws(14) + O_NOP + o_mss(265) + o_ts(0xFFFFFFFF, 0) + O_SACKP, 0xC003),
        syn(40102, o_mss(1460) + O_NOP * 3 + o_ws(8) + O_SACKP + o_ts(7, 0) + O_NOP * 2 + b"\x00" * 16, 0xC004),
        (with_opts, 40),          # IPv4 header of 60 bytes cut after 26 of them
        (plain, 40),              # plain 20-byte IPv4 header, 6 TCP bytes
    ]
    out = []
    for i, p in enumerate(pkts):
        if isinstance(p, tuple):
            out.append(t(i, 1400, 1000 * i) + p)
        else:
            out.append(t(i, 1400, 1000 * i) + (p,))
    return write_pcap("snaplen-cut.pcap", 1, out, snaplen=54)


def main(argv):
    global OUT
    if len(argv) > 1:
        OUT = argv[1]
        os.makedirs(OUT, exist_ok=True)
    made = [
        make_null_le(), make_null_be(), make_loop(), make_sll(), make_raw_ipv6(), make_raw_14(),
        make_raw_12(), make_vlan(), make_ipv6_ext(), make_icmp(), make_tcp(), make_ipv4_edge(),
        make_pcap_ns(), make_pcapng(), make_snaplen(),
    ]
    for name, count in made:
        print("%4d  %s (%d bytes)" % (count, name, os.path.getsize(os.path.join(OUT, name))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
