using System.Text;
using Spoor.Evidence;
using Spoor.Ingest;
using Spoor.Report;

namespace Spoor.Tests.Ingest;

/// <summary>Reads an input to the end through the real opener and returns its JSON lines and books.</summary>
internal sealed record Decoded(IReadOnlyList<string> Lines, IReadOnlyList<Observation> Observations, InputAccounting Accounting)
{
    public static Decoded File(string path) => From(InputOpener.Open(path, 0));

    public static Decoded Bytes(byte[] bytes, string name = "memory") =>
        From(InputOpener.Open(new MemoryStream(bytes, writable: false), new InputAccounting(0, name)));

    /// <summary>Ethernet frames at their times (nanoseconds after 2023-11-14, microsecond stamps), decoded from a pcap made of them.</summary>
    public static Decoded Frames(IEnumerable<(long Time, byte[] Frame)> frames) => Bytes(Pcap(frames));

    /// <summary>A microsecond pcap of Ethernet frames at their times (nanoseconds after 2023-11-14 22:13:20 UTC).</summary>
    public static byte[] Pcap(IEnumerable<(long Time, byte[] Frame)> frames)
    {
        var file = new MemoryStream();
        using (var writer = new Spoor.Ingest.Capture.PcapWriter(file, Spoor.Ingest.Capture.LinkTypes.Ethernet, nanoseconds: false))
        {
            foreach (var (time, frame) in frames) writer.Write(new Timestamp(Epoch + time, 6), frame, frame.Length);
        }

        return file.ToArray();
    }

    private const long Epoch = 1_700_000_000_000_000_000L;

    private static Decoded From(IObservationSource source)
    {
        using (source)
        {
            var buffer = new MemoryStream();
            var observations = new List<Observation>();
            using (var writer = new InspectJsonlWriter(buffer))
            {
                while (source.TryRead(out var observation))
                {
                    observations.Add(observation);
                    writer.Write(observation);
                }
            }

            var lines = Encoding.UTF8.GetString(buffer.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return new Decoded(lines, observations, source.Accounting);
        }
    }
}
