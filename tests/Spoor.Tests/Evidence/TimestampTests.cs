using Spoor.Evidence;

namespace Spoor.Tests.Evidence;

public sealed class TimestampTests
{
    [Theory]
    [InlineData(953346346_587048000L, 6, "2000-03-18T02:25:46.587048Z")]
    [InlineData(953346346_587048123L, 9, "2000-03-18T02:25:46.587048123Z")]
    [InlineData(953346346_000000000L, 0, "2000-03-18T02:25:46Z")]
    [InlineData(-1_500_000_000L, 6, "1969-12-31T23:59:58.500000Z")]
    public void IsoText_ShowsTheSourcesPrecision(long nanoseconds, byte digits, string expected) =>
        new Timestamp(nanoseconds, digits).ToIsoString().Should().Be(expected);
}
