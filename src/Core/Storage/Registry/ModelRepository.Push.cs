using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace Ember.Storage.Registry;

/// <summary>What a push stored.</summary>
public sealed record PushResult(string Model, string Version, int FileCount, long TotalBytes);

public sealed partial class ModelRepository
{
    /// <summary>
    /// Uploads a local model directory or .zip (its root becomes the version folder) as
    /// <c>name/version/</c>. Refuses a version that already exists or is being pushed: versions
    /// are immutable, aliases move instead. Until the push completes the version is marked
    /// in progress (never listed, never "latest"); a failed push removes what it uploaded.
    /// </summary>
    public async Task<PushResult> PushAsync(string model, string version, string source, CancellationToken cancellationToken = default)
    {
        ValidateName(model, model, "model name");
        ValidateName(model, version, "version");
        using SourceFiles files = SourceFiles.Open(model, source);
        if (files.Entries.Count == 0)
            throw new ModelRegistryException(ModelRegistryErrorCode.InvalidSource, model, $"{source} holds no files to push");

        string prefix = VersionPrefix(model, version);
        if (await store.AnyAsync(prefix, cancellationToken).ConfigureAwait(false))
            throw VersionExists(model, version, "it already exists");
        // Claim the version first (create-only), so two concurrent pushes cannot interleave files.
        if (!(await store.PutAsync(prefix + PushInProgressFile, "{}"u8.ToArray(), WriteCondition.CreateOnly, cancellationToken).ConfigureAwait(false)).Succeeded)
            throw VersionExists(model, version, "another push of it is in progress");
        // A push that completed between the check above and this claim has already released its
        // own claim, but its manifest (written before that release) is there.
        if (await store.AnyAsync(prefix + PushManifestFile, cancellationToken).ConfigureAwait(false))
        {
            await TryDeleteAsync(prefix + PushInProgressFile).ConfigureAwait(false);
            throw VersionExists(model, version, "it already exists");
        }

        var uploaded = new List<string>();
        try
        {
            var pushed = new List<PushedFile>(files.Entries.Count);
            foreach (SourceFile file in files.Entries)
            {
                string key = prefix + file.RelativePath;
                await using Stream content = file.Open();
                PushedFile stored = await UploadOneAsync(key, file.RelativePath, content, cancellationToken).ConfigureAwait(false);
                uploaded.Add(key);
                pushed.Add(stored);
            }
            if (pushed.Sum(f => f.Length) <= VersionPack.MaxPackedBytes)
            {
                byte[] pack = VersionPack.Write(files.Entries.Select(f => (f.RelativePath, f.Open)));
                uploaded.Add(prefix + VersionPack.FileName);
                await store.PutAsync(prefix + VersionPack.FileName, pack, WriteCondition.CreateOnly, cancellationToken).ConfigureAwait(false);
            }
            var manifest = new PushManifest(model, version, DateTimeOffset.UtcNow, pushed);
            byte[] json = JsonSerializer.SerializeToUtf8Bytes(manifest, RegistryJsonContext.Default.PushManifest);
            uploaded.Add(prefix + PushManifestFile);
            await store.PutAsync(prefix + PushManifestFile, json, WriteCondition.CreateOnly, cancellationToken).ConfigureAwait(false);
            await store.DeleteAsync(prefix + PushInProgressFile, cancellationToken).ConfigureAwait(false);
            return new PushResult(model, version, pushed.Count, pushed.Sum(f => f.Length));
        }
        catch
        {
            // Leave the version pushable again; the claim goes last so nobody sees a half-deleted version as complete.
            foreach (string key in uploaded)
                await TryDeleteAsync(key).ConfigureAwait(false);
            await TryDeleteAsync(prefix + PushInProgressFile).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<PushedFile> UploadOneAsync(string key, string relativePath, Stream content, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using IObjectUpload upload = await store.StartUploadAsync(key, cancellationToken).ConfigureAwait(false);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        long length = 0;
        try
        {
            int n;
            while ((n = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                sha.AppendData(buffer, 0, n);
                await upload.WritePartAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                length += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        ObjectWriteResult result = await upload.CompleteAsync(WriteCondition.CreateOnly, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new ObjectStoreException(ObjectStoreErrorKind.Failed, store.Location, key, "the key appeared during the push (another writer under the version folder)");
        return new PushedFile(relativePath, length, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    private async Task TryDeleteAsync(string key)
    {
        try { await store.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false); }
        catch (ObjectStoreException) { /* best effort: the in-progress marker still hides the version */ }
    }

    private ModelRegistryException VersionExists(string model, string version, string why) => new(
        ModelRegistryErrorCode.VersionExists, model,
        $"cannot push '{model}' version '{version}' to {store.Location}: {why}. Versions are immutable: push a new version and promote it.");
}

internal sealed record SourceFile(string RelativePath, Func<Stream> Open);

/// <summary>The files of a push source: a directory walked recursively, or the entries of a .zip.</summary>
internal sealed class SourceFiles : IDisposable
{
    private readonly ZipArchive? _zip;

    private SourceFiles(List<SourceFile> entries, ZipArchive? zip)
    {
        Entries = entries;
        _zip = zip;
    }

    public List<SourceFile> Entries { get; }

    public static SourceFiles Open(string model, string source)
    {
        if (Directory.Exists(source))
        {
            string root = Path.GetFullPath(source);
            var entries = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Select(path => new SourceFile(Checked(model, source, Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/')),
                    () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan)))
                .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
                .ToList();
            return new SourceFiles(entries, null);
        }
        if (File.Exists(source) && source.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            ZipArchive zip;
            try { zip = ZipFile.OpenRead(source); }
            catch (InvalidDataException ex) { throw new ModelRegistryException(ModelRegistryErrorCode.InvalidSource, model, $"{source} is not a readable zip: {ex.Message}"); }
            try
            {
                var entries = zip.Entries
                    .Where(e => !e.FullName.EndsWith('/') && !e.FullName.EndsWith('\\'))
                    .Select(e => new SourceFile(Checked(model, source, e.FullName.Replace('\\', '/')), e.Open))
                    .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
                    .ToList();
                return new SourceFiles(entries, zip);
            }
            catch
            {
                zip.Dispose();
                throw;
            }
        }
        throw new ModelRegistryException(ModelRegistryErrorCode.InvalidSource, model,
            $"{source} is neither a directory nor a .zip file");
    }

    /// <summary>A relative path that stays inside the version folder (no zip-slip, no reserved names).</summary>
    private static string Checked(string model, string source, string relative)
    {
        string[] segments = relative.Split('/');
        if (relative.Length == 0 || relative.StartsWith('/') || segments.Any(s => s is "" or "." or ".."))
            throw new ModelRegistryException(ModelRegistryErrorCode.InvalidSource, model, $"{source}: entry '{relative}' would land outside the version folder");
        if (segments.Length == 1 && segments[0] is ModelRepository.PushManifestFile or ModelRepository.PushInProgressFile)
            throw new ModelRegistryException(ModelRegistryErrorCode.InvalidSource, model, $"{source}: '{relative}' is a name the registry reserves");
        return relative;
    }

    public void Dispose() => _zip?.Dispose();
}
