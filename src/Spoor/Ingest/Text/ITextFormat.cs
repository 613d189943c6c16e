using Spoor.Evidence;

namespace Spoor.Ingest.Text;

/// <summary>
/// One text log format. Given the current line and the lines after it, a format either declines
/// (<see cref="TextDecodeStatus.NotMine"/>) or decodes one record, saying how many physical lines it took.
/// Formats never throw on bad input; fields a line lacks stay absent in the observation.
/// </summary>
public interface ITextFormat
{
    /// <summary>The format's name in output (<c>netfilter</c>, <c>snort-alert-fast</c>, …).</summary>
    string Name { get; }

    /// <summary>Decodes the record that starts at <c>lines[0]</c>; <paramref name="observation"/> arrives reset with its evidence set.</summary>
    TextDecodeResult TryDecode(TextLineReader lines, TextDecodeContext context, ref Observation observation);
}
