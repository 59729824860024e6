namespace Ember.Storage;

/// <summary>
/// The parts of an Azure Storage connection string a blob store needs. Secrets never appear in
/// error messages.
/// </summary>
internal sealed record BlobConnectionString(string? AccountName, byte[]? AccountKey, Uri? BlobEndpoint, string? SharedAccessSignature)
{
    /// <summary>Azurite's published development account (see its README); not a secret.</summary>
    public const string DevelopmentAccount = "devstoreaccount1";
    public const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    public const string DevelopmentBlobEndpoint = "http://127.0.0.1:10000/devstoreaccount1";

    /// <summary>Parses <c>Key=Value;...</c>; <paramref name="settingName"/> names the source in errors.</summary>
    public static BlobConnectionString Parse(string connectionString, string settingName)
    {
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0) throw Bad(settingName, $"the part '{RedactedName(part)}' is not Name=Value");
            parts[part[..eq].Trim()] = part[(eq + 1)..].Trim();
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out string? dev) && dev.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            Uri endpoint = new(DevelopmentBlobEndpoint);
            if (parts.TryGetValue("DevelopmentStorageProxyUri", out string? proxy))
                endpoint = new Uri(proxy.TrimEnd('/') + ":10000/" + DevelopmentAccount);
            return new BlobConnectionString(DevelopmentAccount, Convert.FromBase64String(DevelopmentKey), endpoint, null);
        }

        parts.TryGetValue("AccountName", out string? account);
        byte[]? key = null;
        if (parts.TryGetValue("AccountKey", out string? keyText))
        {
            try { key = Convert.FromBase64String(keyText); }
            catch (FormatException) { throw Bad(settingName, "AccountKey is not valid base64"); }
        }

        Uri? blobEndpoint = null;
        if (parts.TryGetValue("BlobEndpoint", out string? explicitEndpoint))
        {
            if (!Uri.TryCreate(explicitEndpoint.TrimEnd('/'), UriKind.Absolute, out blobEndpoint))
                throw Bad(settingName, $"BlobEndpoint '{explicitEndpoint}' is not an absolute URL");
        }
        else if (account is not null)
        {
            string protocol = parts.TryGetValue("DefaultEndpointsProtocol", out string? p) ? p : "https";
            string suffix = parts.TryGetValue("EndpointSuffix", out string? s) ? s : "core.windows.net";
            blobEndpoint = new Uri($"{protocol}://{account}.blob.{suffix}");
        }

        parts.TryGetValue("SharedAccessSignature", out string? sas);
        if (key is null && sas is null)
            throw Bad(settingName, "it has neither AccountKey nor SharedAccessSignature (identity-based connections need IDENTITY_ENDPOINT instead)");
        if (key is not null && account is null)
            throw Bad(settingName, "it has AccountKey but no AccountName");
        return new BlobConnectionString(account, key, blobEndpoint, sas);
    }

    private static ObjectStoreException Bad(string settingName, string problem) =>
        new(ObjectStoreErrorKind.Misconfigured, settingName, null, $"the connection string in {settingName} is invalid: {problem}");

    private static string RedactedName(string part) => part.Length > 20 ? part[..20] + "..." : part;
}
