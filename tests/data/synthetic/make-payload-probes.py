#!/usr/bin/python3
"""Write the payload-probe captures into tests/data/synthetic/: Back Orifice pings and SNMP gets.

Packets are built with scapy (python3-scapy), written with fixed timestamps, addresses, ports and IP IDs, so
two runs give identical files. Addresses are from the documentation ranges; MACs are locally administered.

back-orifice.pcap: Back Orifice (1998) speaks UDP and encrypts every packet by XOR with the byte stream of
the Microsoft C runtime's rand() (state = state * 214013 + 2531011, output byte = bits 16..23 of the state),
seeded from the password; an empty password gives the seed 31337. The plaintext is the magic "*!*QWTY?", a
4-byte little-endian total length, a 4-byte little-endian packet id, a type byte (1 = ping), the command's
argument text (NUL-terminated; empty for a ping) and a trailing check byte, left 0 here. This follows Flavio
Veloso's description "The Back Orifice (BO) Protocol" and Snort's spp_bo notes on the default key; the code
is ours.
  1. 203.0.113.66:1026 -> 192.0.2.10:31337  BO ping (default port)
  2. 192.0.2.10:31337 -> 203.0.113.66:1026  the server's answer, also a BO type-1 packet (text made up here)
  3. 203.0.113.66:1027 -> 192.0.2.11:31337  BO ping to a second host
  4. 198.51.100.7:3272 -> 192.0.2.10:12345  BO ping on a non-default port
  5. 198.51.100.9:4000 -> 192.0.2.10:31337  UDP to BO's port whose payload is not BO (plain text)

snmp.pcap: SNMP gets (RFC 1157 v1, RFC 1901/3416 v2c) for sysDescr.0, BER-encoded by scapy.
  1. 198.51.100.30:1055 -> 192.0.2.20:161  v1 GetRequest, community "public"
  2. 192.0.2.20:161 -> 198.51.100.30:1055  its GetResponse
  3. 198.51.100.31:1056 -> 192.0.2.20:161  v2c GetRequest, community "private"

Usage: /usr/bin/python3 tests/data/synthetic/make-payload-probes.py   (Debian python3-scapy 2.5)
Then:  python3 tests/data/tshark/make-expected.py tests/data/synthetic/back-orifice.pcap tests/data/synthetic/snmp.pcap
"""

import os
import struct

from scapy.all import ASN1_OID, ASN1_STRING, IP, SNMP, UDP, Ether, Raw, SNMPget, SNMPresponse, SNMPvarbind, wrpcap

OUT = os.path.dirname(os.path.abspath(__file__))
BASE = 1700100000  # 2023-11-16T02:00:00Z; fixed, not the clock

MAC_CLIENT = "02:00:00:00:00:0c"
MAC_SERVER = "02:00:00:00:00:0d"

BO_MAGIC = b"*!*QWTY?"
BO_DEFAULT_SEED = 31337
BO_PING = 1


def bo_keystream(seed, length):
    state = seed
    out = bytearray()
    for _ in range(length):
        state = (state * 214013 + 2531011) & 0xFFFFFFFF
        out.append((state >> 16) & 0xFF)
    return bytes(out)


def bo_packet(packet_type, packet_id, argument=b"", seed=BO_DEFAULT_SEED):
    body = bytes([packet_type]) + argument + b"\x00" + b"\x00"  # type, NUL-terminated argument, check byte
    length = len(BO_MAGIC) + 8 + len(body)
    plain = BO_MAGIC + struct.pack("<II", length, packet_id) + body
    return bytes(p ^ k for p, k in zip(plain, bo_keystream(seed, len(plain))))


def frame(src, dst, sport, dport, payload, ip_id, forward=True):
    macs = (MAC_CLIENT, MAC_SERVER) if forward else (MAC_SERVER, MAC_CLIENT)
    return Ether(src=macs[0], dst=macs[1]) / IP(src=src, dst=dst, id=ip_id, ttl=64 if forward else 128) / UDP(sport=sport, dport=dport) / payload


def stamp(packets, start):
    for i, p in enumerate(packets):
        p.time = start + i  # one second apart
    return packets


def back_orifice():
    return stamp([
        frame("203.0.113.66", "192.0.2.10", 1026, 31337, Raw(bo_packet(BO_PING, 0)), 0x1001),
        frame("192.0.2.10", "203.0.113.66", 31337, 1026, Raw(bo_packet(BO_PING, 0, b"!PONG!1.20!SERVER!")), 0x2001, forward=False),
        frame("203.0.113.66", "192.0.2.11", 1027, 31337, Raw(bo_packet(BO_PING, 1)), 0x1002),
        frame("198.51.100.7", "192.0.2.10", 3272, 12345, Raw(bo_packet(BO_PING, 0)), 0x3001),
        frame("198.51.100.9", "192.0.2.10", 4000, 31337, Raw(b"hello, is anyone listening?\n"), 0x4001),
    ], BASE)


def snmp():
    sys_descr = SNMPvarbind(oid=ASN1_OID("1.3.6.1.2.1.1.1.0"))
    answer = SNMPvarbind(oid=ASN1_OID("1.3.6.1.2.1.1.1.0"), value=ASN1_STRING(b"test agent"))
    return stamp([
        frame("198.51.100.30", "192.0.2.20", 1055, 161, SNMP(version=0, community=b"public", PDU=SNMPget(id=7, varbindlist=[sys_descr])), 0x5001),
        frame("192.0.2.20", "198.51.100.30", 161, 1055, SNMP(version=0, community=b"public", PDU=SNMPresponse(id=7, varbindlist=[answer])), 0x6001, forward=False),
        frame("198.51.100.31", "192.0.2.20", 1056, 161, SNMP(version=1, community=b"private", PDU=SNMPget(id=8, varbindlist=[sys_descr])), 0x5002),
    ], BASE + 100)


def main():
    wrpcap(os.path.join(OUT, "back-orifice.pcap"), back_orifice())
    wrpcap(os.path.join(OUT, "snmp.pcap"), snmp())


if __name__ == "__main__":
    main()
