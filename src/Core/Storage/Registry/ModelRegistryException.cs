namespace Ember.Storage.Registry;

public enum ModelRegistryErrorCode
{
    InvalidName,
    ModelNotFound,
    VersionNotFound,
    VersionExists,
    AliasNotFound,
    NoAliasHistory,
    InvalidAliasesFile,
    ConcurrentUpdate,
    InvalidArgument,
    InvalidSource,
}

/// <summary>
/// A registry request that cannot be carried out as asked (unknown version, version already
/// pushed, broken aliases.json...). The CLI prints <see cref="Exception.Message"/>; the API maps
/// <see cref="Code"/> to a status. Storage failures stay <see cref="ObjectStoreException"/>.
/// </summary>
public sealed class ModelRegistryException(ModelRegistryErrorCode code, string model, string message) : Exception(message)
{
    public ModelRegistryErrorCode Code { get; } = code;
    public string Model { get; } = model;
}
