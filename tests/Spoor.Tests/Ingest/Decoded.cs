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
