namespace Spoor.Detect;

/// <summary>
/// The sequential hypothesis test of Jung, Paxson, Berger and Balakrishnan, "Fast Portscan Detection Using
/// Sequential Hypothesis Testing" (IEEE S&amp;P 2004): each first contact of a source succeeds with probability
/// θ0 if the source is benign and θ1 if it scans; the likelihood ratio is multiplied by θ1/θ0 on a success and
/// (1−θ1)/(1−θ0) on a failure, and the source is called a scanner when it reaches η1 = β/α (benign at
/// η0 = (1−β)/(1−α)). Kept in logarithms; the walk is held at η0 rather than reset, so a long-benign source
/// needs a run of failures, not a single one, to turn.
/// </summary>
public readonly struct ThresholdRandomWalk
{
    public ThresholdRandomWalk(double benignSuccess, double scannerSuccess, double falsePositive, double detection)
    {
        SuccessStep = Math.Log(scannerSuccess / benignSuccess);
        FailureStep = Math.Log((1 - scannerSuccess) / (1 - benignSuccess));
        ScannerThreshold = Math.Log(detection / falsePositive);
        BenignThreshold = Math.Log((1 - detection) / (1 - falsePositive));
    }

    public double SuccessStep { get; }

    public double FailureStep { get; }

    /// <summary>ln η1.</summary>
    public double ScannerThreshold { get; }

    /// <summary>ln η0.</summary>
    public double BenignThreshold { get; }

    /// <summary>The walk after one more outcome.</summary>
    public double Step(double logRatio, bool success) => Math.Max(BenignThreshold, logRatio + (success ? SuccessStep : FailureStep));
}
