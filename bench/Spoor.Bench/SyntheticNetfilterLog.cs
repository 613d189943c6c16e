using System.Globalization;
using System.Text;

namespace Spoor.Bench;

/// <summary>
/// Writes a large, deterministic iptables LOG file in the classic syslog form: TCP probes with and without
/// sequence numbers, UDP and ICMP, from many sources, as a busy firewall would log them.
/// </summary>
internal static class SyntheticNetfilterLog
{
    public static void Write(string path, int lines)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        var random = new Random(20261123);
        var time = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var line = new StringBuilder(320);
        for (var i = 0; i < lines; i++)
        {
            time = time.AddMilliseconds(random.Next(1, 400));
            var source = $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}";
            var target = $"192.0.2.{random.Next(1, 255)}";
            line.Clear();
            line.Append(time.ToString("MMM dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(" fw kernel: [")
                .Append((i / 1000.0).ToString("F6", CultureInfo.InvariantCulture)).Append("] DROP-IN IN=eth0 OUT= MAC=02:00:00:00:00:01:02:00:00:00:00:02:08:00 SRC=")
                .Append(source).Append(" DST=").Append(target);
            var kind = random.Next(100);
            if (kind < 70)
            {
                line.Append(" LEN=44 TOS=0x00 PREC=0x00 TTL=").Append(random.Next(30, 128)).Append(" ID=").Append(random.Next(65536))
                    .Append(random.Next(2) == 0 ? " DF" : string.Empty)
                    .Append(" PROTO=TCP SPT=").Append(random.Next(1024, 65536)).Append(" DPT=").Append(random.Next(1, 65536));
                if (kind < 30) line.Append(" SEQ=").Append((uint)random.Next()).Append(" ACK=0");
                line.Append(" WINDOW=1024 RES=0x00 SYN URGP=0");
                if (kind < 10) line.Append(" OPT (020405B4)");
            }
            else if (kind < 92)
            {
                line.Append(" LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=").Append(random.Next(65536))
                    .Append(" PROTO=UDP SPT=").Append(random.Next(1024, 65536)).Append(" DPT=").Append(random.Next(1, 1024)).Append(" LEN=40");
            }
            else
            {
                line.Append(" LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=").Append(random.Next(65536))
                    .Append(" DF PROTO=ICMP TYPE=8 CODE=0 ID=").Append(random.Next(65536)).Append(" SEQ=").Append(random.Next(1, 100));
            }

            writer.Write(line.Append('\n'));
        }
    }
}
