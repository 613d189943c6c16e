namespace Spoor.Detect;

/// <summary>Where detectors put their findings.</summary>
public interface IFindingSink
{
    void Add(Finding finding);
}
