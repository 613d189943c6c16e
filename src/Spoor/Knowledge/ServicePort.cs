namespace Spoor.Knowledge;

/// <summary>A service's port, and its IP protocol when the service uses one only (0 when it answers on TCP and UDP).</summary>
public readonly record struct ServicePort(ushort Port, byte IpProtocol);
