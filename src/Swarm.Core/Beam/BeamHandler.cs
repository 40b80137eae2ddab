namespace Swarm.Core.Beam;

/// <summary>Handles one verb. Reply through the request; throw <see cref="BeamException"/> to answer Error.</summary>
public delegate ValueTask BeamHandler(BeamRequest request);
