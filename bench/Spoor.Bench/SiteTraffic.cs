using Spoor.Evidence;
using Spoor.Ingest.Capture;

namespace Spoor.Bench;

/// <summary>
/// A deterministic stream shaped like a site's border capture: most packets belong to TCP connections between
/// inside clients and outside servers (handshake, data both ways, FIN teardown, many connections interleaved), with
/// DNS queries and answers, some pings, the internet's background of stray SYNs to inside hosts (a few answered by
/// RST) from many distinct sources, and a handful of real scanners (a SYN port scan, a port sweep, a UDP scan) with
/// their answers. Detectors meet both their quiet path (established traffic) and their busy one (probes) in
/// proportions a day of capture shows. Frames are made one at a time, so any length costs no memory.
/// </summary>
internal sealed class SiteTraffic : ITrafficGenerator
{
    private const uint Inside = 0x0A01_0000; // 10.1.0.0/16
    private const uint Outside = 0xC633_6400; // 198.51.100.0 onwards: the servers
    private const uint Background = 0x2000_0000; // 32.0.0.0/8: the internet's stray senders
    private const int InsideHosts = 4096;
    private const int Servers = 2048;
    private const int ActiveConnections = 512;
    private const ulong InsideMac = 0x0299_0000_0001;
    private const ulong RouterMac = 0x0299_0000_0002;

    private static readonly ushort[] ServerPorts = [443, 443, 443, 443, 80, 80, 993, 25, 22, 8080];
    private static readonly ushort[] BackgroundPorts = [23, 445, 22, 3389, 80, 8080, 1433, 5900, 2323, 139];

    private readonly Random _random;
    private readonly int _backgroundSources;
    private readonly Connection[] _connections = new Connection[ActiveConnections];
    private long _time = 1_700_000_000L * Timestamp.NanosecondsPerSecond;
    private ushort _ipId;
    private (int Step, uint From, uint To, ushort FromPort, ushort ToPort, bool Answered) _pendingAnswer;
    private int _scanPort = 1;
    private int _sweepHost;
    private int _udpPort = 1;

    public SiteTraffic(int backgroundSources, int seed = 20261123)
    {
        _random = new Random(seed);
        _backgroundSources = backgroundSources;
        for (var i = 0; i < _connections.Length; i++) _connections[i] = NewConnection();
    }

    public int Next(Span<byte> frame, out Timestamp time)
    {
        var random = _random;
        _time += random.Next(500, 20_000); // about 100,000 packets a second: a busy border link
        time = new Timestamp(_time, 6);
        _ipId++;

        if (_pendingAnswer.Step != 0) return Answer(frame);

        var kind = random.Next(1000);
        if (kind < 880) return NextInConnection(frame, random.Next(ActiveConnections));
        if (kind < 940) return Dns(frame);
        if (kind < 950) return Ping(frame);
        if (kind < 985) return StraySyn(frame);
        return Scanner(frame, kind);
    }

    private int NextInConnection(Span<byte> frame, int slot)
    {
        ref var c = ref _connections[slot];
        var random = _random;
        int length;
        switch (c.Step)
        {
            case 0:
                length = FrameBuilder.Tcp(frame, InsideMac, RouterMac, c.Client, c.Server, c.ClientPort, c.ServerPort, TcpFlags.Syn, c.ClientSeq, 0, 64240, _ipId, 64);
                c.ClientSeq++;
                break;
            case 1:
                length = FrameBuilder.Tcp(frame, RouterMac, InsideMac, c.Server, c.Client, c.ServerPort, c.ClientPort, TcpFlags.Syn | TcpFlags.Ack, c.ServerSeq, c.ClientSeq, 65535, _ipId, 52);
                c.ServerSeq++;
                break;
            case 2:
                length = FrameBuilder.Tcp(frame, InsideMac, RouterMac, c.Client, c.Server, c.ClientPort, c.ServerPort, TcpFlags.Ack, c.ClientSeq, c.ServerSeq, 64240, _ipId, 64);
                break;
            default:
                if (c.Step < c.DataSteps)
                {
                    // Data: requests upstream are small, answers downstream large; every other segment is a bare ACK.
                    var downstream = (c.Step & 1) == 1;
                    var payload = downstream ? random.Next(200, 1449) : (c.Step % 4 == 3 ? random.Next(40, 600) : 0);
                    length = downstream
                        ? FrameBuilder.Tcp(frame, RouterMac, InsideMac, c.Server, c.Client, c.ServerPort, c.ClientPort, TcpFlags.Ack | TcpFlags.Psh, c.ServerSeq, c.ClientSeq, 65535, _ipId, 52, payload)
                        : FrameBuilder.Tcp(frame, InsideMac, RouterMac, c.Client, c.Server, c.ClientPort, c.ServerPort, payload > 0 ? TcpFlags.Ack | TcpFlags.Psh : TcpFlags.Ack, c.ClientSeq, c.ServerSeq, 64240, _ipId, 64, payload);
                    if (downstream) c.ServerSeq += (uint)payload;
                    else c.ClientSeq += (uint)payload;
                }
                else if (c.Step == c.DataSteps)
                {
                    length = FrameBuilder.Tcp(frame, InsideMac, RouterMac, c.Client, c.Server, c.ClientPort, c.ServerPort, TcpFlags.Fin | TcpFlags.Ack, c.ClientSeq, c.ServerSeq, 64240, _ipId, 64);
                    c.ClientSeq++;
                }
                else if (c.Step == c.DataSteps + 1)
                {
                    length = FrameBuilder.Tcp(frame, RouterMac, InsideMac, c.Server, c.Client, c.ServerPort, c.ClientPort, TcpFlags.Fin | TcpFlags.Ack, c.ServerSeq, c.ClientSeq, 65535, _ipId, 52);
                    c.ServerSeq++;
                }
                else
                {
                    length = FrameBuilder.Tcp(frame, InsideMac, RouterMac, c.Client, c.Server, c.ClientPort, c.ServerPort, TcpFlags.Ack, c.ClientSeq, c.ServerSeq, 64240, _ipId, 64);
                    c = NewConnection();
                    return length;
                }

                break;
        }

        c.Step++;
        return length;
    }

    private Connection NewConnection()
    {
        var random = _random;
        return new Connection
        {
            Client = Inside + (uint)random.Next(InsideHosts),
            Server = Outside + (uint)random.Next(Servers),
            ClientPort = (ushort)random.Next(32768, 61000),
            ServerPort = ServerPorts[random.Next(ServerPorts.Length)],
            ClientSeq = (uint)random.Next(),
            ServerSeq = (uint)random.Next(),
            DataSteps = 3 + random.Next(4, 60),
        };
    }

    private int Dns(Span<byte> frame)
    {
        var random = _random;
        var client = Inside + (uint)random.Next(InsideHosts);
        var resolver = Outside + (uint)random.Next(4);
        var port = (ushort)random.Next(32768, 61000);
        _pendingAnswer = (1, resolver, client, 53, port, true);
        return FrameBuilder.Udp(frame, InsideMac, RouterMac, client, resolver, port, 53, _ipId, 64, random.Next(28, 60));
    }

    private int Ping(Span<byte> frame)
    {
        var random = _random;
        var client = Inside + (uint)random.Next(InsideHosts);
        var server = Outside + (client % 8); // a client pings the few hosts it depends on, not the internet at large
        var identifier = (ushort)random.Next(65536);
        _pendingAnswer = (2, server, client, identifier, identifier, true);
        return FrameBuilder.IcmpEcho(frame, InsideMac, RouterMac, client, server, 8, identifier, 1, _ipId, 64);
    }

    /// <summary>Background radiation: one SYN from one of many outside sources to a random inside host; a tenth are refused by RST.</summary>
    private int StraySyn(Span<byte> frame)
    {
        var random = _random;
        var source = Background + (uint)random.Next(_backgroundSources);
        var target = Inside + (uint)random.Next(InsideHosts);
        var port = BackgroundPorts[random.Next(BackgroundPorts.Length)];
        var sourcePort = (ushort)random.Next(1024, 65535);
        if (random.Next(10) == 0) _pendingAnswer = (3, target, source, port, sourcePort, false);
        return FrameBuilder.Tcp(frame, RouterMac, InsideMac, source, target, sourcePort, port, TcpFlags.Syn, (uint)random.Next(), 0, 1024, (ushort)random.Next(65536), 240);
    }

    /// <summary>Three scanners: a SYN scan of every port of one host, a SYN sweep of port 445 across the inside, a UDP scan of another host.</summary>
    private int Scanner(Span<byte> frame, int kind)
    {
        var random = _random;
        if (kind < 990)
        {
            var target = Inside + 7;
            var port = (ushort)_scanPort;
            _scanPort = _scanPort % 65535 + 1;
            _pendingAnswer = (4, target, 0xCB00_7107, port, 40404, port is 22 or 80 or 443);
            return FrameBuilder.Tcp(frame, RouterMac, InsideMac, 0xCB00_7107, target, 40404, port, TcpFlags.Syn, 0x1234_5678, 0, 1024, (ushort)random.Next(65536), 47);
        }

        if (kind < 995)
        {
            var target = Inside + (uint)(_sweepHost++ % InsideHosts);
            _pendingAnswer = (3, target, 0xCB00_7108, 445, 51515, false);
            return FrameBuilder.Tcp(frame, RouterMac, InsideMac, 0xCB00_7108, target, 51515, 445, TcpFlags.Syn, (uint)random.Next(), 0, 29200, (ushort)random.Next(65536), 51);
        }

        var udpTarget = Inside + 9;
        var udpPort = (ushort)_udpPort;
        _udpPort = _udpPort % 65535 + 1;
        return FrameBuilder.Udp(frame, RouterMac, InsideMac, 0xCB00_7109, udpTarget, 53535, udpPort, (ushort)random.Next(65536), 49);
    }

    /// <summary>The answer owed to the last query or probe: DNS reply, echo reply, RST, or SYN-ACK.</summary>
    private int Answer(Span<byte> frame)
    {
        var (step, from, to, fromPort, toPort, answered) = _pendingAnswer;
        _pendingAnswer = default;
        var random = _random;
        return step switch
        {
            1 => FrameBuilder.Udp(frame, RouterMac, InsideMac, from, to, fromPort, toPort, _ipId, 57, random.Next(60, 400)),
            2 => FrameBuilder.IcmpEcho(frame, RouterMac, InsideMac, from, to, 0, fromPort, 1, _ipId, 52),
            3 => FrameBuilder.Tcp(frame, InsideMac, RouterMac, from, to, fromPort, toPort, TcpFlags.Rst | TcpFlags.Ack, 0, (uint)random.Next(), 0, _ipId, 64),
            _ => answered
                ? FrameBuilder.Tcp(frame, InsideMac, RouterMac, from, to, fromPort, toPort, TcpFlags.Syn | TcpFlags.Ack, (uint)random.Next(), 0x1234_5679, 64240, _ipId, 64)
                : FrameBuilder.Tcp(frame, InsideMac, RouterMac, from, to, fromPort, toPort, TcpFlags.Rst | TcpFlags.Ack, 0, 0x1234_5679, 0, _ipId, 64),
        };
    }

    private struct Connection
    {
        public uint Client;
        public uint Server;
        public ushort ClientPort;
        public ushort ServerPort;
        public uint ClientSeq;
        public uint ServerSeq;
        public int Step;
        public int DataSteps;
    }
}
