namespace Spoor.Ingest.Text;

/// <summary>A format's judgement of the (possibly joined) text of one record.</summary>
internal delegate RecordShape RecordShapeTest(ReadOnlySpan<char> text);
