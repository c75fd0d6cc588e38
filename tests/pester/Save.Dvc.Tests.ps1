# Save-GtoArtifact with DVC-tracked content, built by hand in temp folders (no DVC needed): .dvc files and dvc.lock
# outputs, single files and .dir folder manifests, both cache layouts (DVC 3: files/md5/ab/cd..., DVC 2: ab/cd...
# with md5 of CRLF read as LF), the work tree's cache, a local-folder remote and an http remote on 127.0.0.1.
# Every object's md5 is checked before anything is written.

BeforeAll {
    $repoRoot = (Resolve-Path "$PSScriptRoot/../..").ProviderPath
    $modulePath = if ($env:GTO_MODULE_PATH) { $env:GTO_MODULE_PATH } else { Join-Path $repoRoot 'out/Gto/Gto.psd1' }
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    Import-Module $modulePath -Force

    Import-Module (Join-Path $PSScriptRoot 'SaveHelpers.psm1') -Force
    Enter-SaveTestEnvironment (New-TestFolder 'gto-dvc-home-')

    function Get-Md5([byte[]] $Bytes) { [Convert]::ToHexString([Security.Cryptography.MD5]::HashData($Bytes)).ToLowerInvariant() }

    # Stores an object in a cache or remote folder; -Legacy uses DVC 2's layout. Returns its md5.
    function Add-DvcObject([string] $Store, [byte[]] $Bytes, [switch] $Legacy, [string] $Md5, [string] $Suffix = '') {
        if (-not $Md5) { $Md5 = Get-Md5 $Bytes }
        $folder = if ($Legacy) { Join-Path $Store $Md5.Substring(0, 2) } else { Join-Path $Store "files/md5/$($Md5.Substring(0, 2))" }
        New-Item -ItemType Directory -Path $folder -Force | Out-Null
        [IO.File]::WriteAllBytes((Join-Path $folder ($Md5.Substring(2) + $Suffix)), $Bytes)
        $Md5 + $Suffix
    }

    function Add-Text([string] $Repo, [string] $Name, [string] $Text) {
        $file = Join-Path $Repo $Name
        New-Item -ItemType Directory -Path (Split-Path $file) -Force | Out-Null
        [IO.File]::WriteAllText($file, $Text)
    }

    # A DVC registry: model.pkl tracked by model.pkl.dvc (DVC 3), data/ by data.dvc (a DVC 3 folder), and
    # reports/summary.txt by dvc.lock (DVC 2, CRLF text), annotated in artifacts.yaml and dvc.yaml. The objects go
    # to the work tree's cache unless -CacheTo names another folder; .dvc/config names -Remote as the default remote.
    function New-DvcRegistry([string] $Remote = '', [string] $CacheTo) {
        $repo = New-TestRepository
        $cache = if ($CacheTo) { $CacheTo } else { Join-Path $repo '.dvc/cache' }
        $model = [byte[]](1..200 + 0, 13, 10)
        $modelMd5 = Add-DvcObject $cache $model
        $files = [ordered]@{ 'a.csv' = [Text.Encoding]::UTF8.GetBytes("x,y`n1,2`n"); 'sub/b.bin' = [byte[]](9, 8, 7, 0) }
        $entries = foreach ($name in $files.Keys) { @{ md5 = (Add-DvcObject $cache $files[$name]); relpath = $name } }
        $manifest = [Text.Encoding]::UTF8.GetBytes((ConvertTo-Json -InputObject @($entries) -Compress))
        $dirMd5 = Add-DvcObject $cache $manifest -Suffix '.dir'
        # DVC 2 hashed text with CRLF line ends as if they were LF.
        $summary = [Text.Encoding]::UTF8.GetBytes("accuracy: 0.9`r`nloss: 0.1`r`n")
        $summaryMd5 = Add-DvcObject $cache $summary -Legacy -Md5 (Get-Md5 ([Text.Encoding]::UTF8.GetBytes("accuracy: 0.9`nloss: 0.1`n")))
        $config = if ($Remote) { "[core]`n    remote = storage`n['remote `"storage`"']`n    url = $Remote`n" } else { "[core]`n" }
        Add-Text $repo '.dvc/config' $config
        Add-Text $repo '.dvc/.gitignore' "/cache`n"
        Add-Text $repo 'model.pkl.dvc' "outs:`n- md5: $modelMd5`n  size: $($model.Length)`n  hash: md5`n  path: model.pkl`n"
        Add-Text $repo 'data.dvc' "outs:`n- md5: $dirMd5`n  size: 12`n  nfiles: 2`n  hash: md5`n  path: data`n"
        Add-Text $repo 'reports/dvc.yaml' "stages:`n  report:`n    cmd: make`n    outs:`n    - summary.txt`nartifacts:`n  summary:`n    path: summary.txt`n    type: report`n"
        Add-Text $repo 'reports/dvc.lock' "schema: '2.0'`nstages:`n  report:`n    cmd: make`n    outs:`n    - path: summary.txt`n      md5: $summaryMd5`n      size: $($summary.Length)`n"
        Add-Text $repo 'artifacts.yaml' "model:`n  path: model.pkl`n  type: model`ndata:`n  path: data`n"
        Invoke-TestGit $repo @('add', '-A') | Out-Null
        New-TestCommit $repo -Message 'dvc outputs' | Out-Null
        foreach ($tag in 'model@v1.0.0', 'data@v1.0.0', 'reports=summary@v1.0.0') { New-TestTag $repo $tag "tag $tag" | Out-Null }
        [pscustomobject]@{ Repo = $repo; Cache = $cache; Model = $model; ModelMd5 = $modelMd5; Files = $files; Summary = $summary }
    }

    # Serves a folder over http on 127.0.0.1 (a free port) from a background runspace; returns the URL and a stopper.
    function Start-TestHttpServer([string] $Root) {
        $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $probe.Start(); $port = $probe.LocalEndpoint.Port; $probe.Stop()
        $listener = [Net.HttpListener]::new()
        $listener.Prefixes.Add("http://127.0.0.1:$port/")
        $listener.Start()
        $ps = [powershell]::Create().AddScript({
            param($listener, $root)
            while ($listener.IsListening) {
                try { $context = $listener.GetContext() } catch { break }
                $file = Join-Path $root ([Uri]::UnescapeDataString($context.Request.Url.AbsolutePath.TrimStart('/')))
                if (Test-Path -LiteralPath $file -PathType Leaf) {
                    $bytes = [IO.File]::ReadAllBytes($file)
                    $context.Response.ContentLength64 = $bytes.Length
                    $context.Response.OutputStream.Write($bytes, 0, $bytes.Length)
                }
                else { $context.Response.StatusCode = 404 }
                $context.Response.Close()
            }
        }).AddArgument($listener).AddArgument($Root)
        $null = $ps.BeginInvoke()
        [pscustomobject]@{ Url = "http://127.0.0.1:$port"; Listener = $listener; PowerShell = $ps }
    }

    function Stop-TestHttpServer($Server) {
        $Server.Listener.Stop()
        $Server.Listener.Close()
        $Server.PowerShell.Dispose()
    }

    function Assert-Saved($Registry, [string] $Destination) {
        [IO.File]::ReadAllBytes("$Destination/model.pkl") | Should -Be $Registry.Model
    }
}

AfterAll {
    Exit-SaveTestEnvironment
    Remove-TestFolders
}

Describe 'Save-GtoArtifact: DVC content from the local cache' {
    BeforeAll { $script:reg = New-DvcRegistry }
    AfterAll { Remove-TestRepository $script:reg.Repo }

    It 'saves a file tracked by a .dvc file (DVC 3 layout), checked against its md5' {
        $dest = New-TestDestination
        $file = Save-GtoArtifact model -Repository $script:reg.Repo -Destination $dest
        [IO.File]::ReadAllBytes("$dest/model.pkl") | Should -Be $script:reg.Model
        $file.Source | Should -Be 'Dvc'
        $file.Size | Should -Be $script:reg.Model.Length
        $file.Sha256 | Should -Be (Get-FileHash "$dest/model.pkl" -Algorithm SHA256).Hash.ToLowerInvariant()
    }

    It 'saves a folder from its .dir manifest' {
        $dest = New-TestDestination
        $files = @(Save-GtoArtifact data -Repository $script:reg.Repo -Destination $dest)
        $files.Count | Should -Be 2
        ($files.StoredPath | Sort-Object) | Should -Be @('data/a.csv', 'data/sub/b.bin')
        [IO.File]::ReadAllBytes("$dest/data/a.csv") | Should -Be $script:reg.Files['a.csv']
        [IO.File]::ReadAllBytes("$dest/data/sub/b.bin") | Should -Be $script:reg.Files['sub/b.bin']
    }

    It 'saves a dvc.lock output annotated in a dvc.yaml (DVC 2 layout, CRLF kept)' {
        $dest = New-TestDestination
        $file = Save-GtoArtifact 'reports:summary' -Repository $script:reg.Repo -Destination $dest
        $file.StoredPath | Should -Be 'reports/summary.txt'
        [IO.File]::ReadAllBytes("$dest/summary.txt") | Should -Be $script:reg.Summary
    }

    It 'gives ChecksumMismatch for a damaged cache object and writes nothing' {
        $reg = New-DvcRegistry
        try {
            $object = Join-Path $reg.Cache "files/md5/$($reg.ModelMd5.Substring(0, 2))/$($reg.ModelMd5.Substring(2))"
            [IO.File]::WriteAllBytes($object, [byte[]](6, 6, 6))
            $dest = New-TestDestination
            $err = $null
            Save-GtoArtifact model -Repository $reg.Repo -Destination $dest -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -BeLike 'ChecksumMismatch,*'
            Test-Path -LiteralPath $dest | Should -BeFalse
        }
        finally { Remove-TestRepository $reg.Repo }
    }

    It 'gives ChecksumMismatch for a damaged file of a folder and writes none of the folder' {
        $reg = New-DvcRegistry
        try {
            $md5 = Get-Md5 $reg.Files['sub/b.bin']
            [IO.File]::WriteAllBytes((Join-Path $reg.Cache "files/md5/$($md5.Substring(0, 2))/$($md5.Substring(2))"), [byte[]](0))
            $dest = New-TestDestination
            $err = $null
            Save-GtoArtifact data -Repository $reg.Repo -Destination $dest -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -BeLike 'ChecksumMismatch,*'
            Test-Path -LiteralPath $dest | Should -BeFalse
        }
        finally { Remove-TestRepository $reg.Repo }
    }
}

Describe 'Save-GtoArtifact: DVC remotes' {
    It 'reads what the cache lacks from the local-folder remote of .dvc/config' {
        $remote = New-TestFolder 'gto-dvc-remote-'
        $reg = New-DvcRegistry -Remote $remote -CacheTo $remote
        try {
            $dest = New-TestDestination
            Save-GtoArtifact model -Repository $reg.Repo -Destination $dest | Out-Null
            Assert-Saved $reg $dest
            @(Save-GtoArtifact data -Repository $reg.Repo -Destination $dest).Count | Should -Be 2
        }
        finally { Remove-TestRepository $reg.Repo }
    }

    It 'reads from an http remote (served on 127.0.0.1), also given with -DvcRemote' {
        $remote = New-TestFolder 'gto-dvc-http-'
        $server = Start-TestHttpServer $remote
        try {
            $reg = New-DvcRegistry -Remote $server.Url -CacheTo $remote
            $dest = New-TestDestination
            Save-GtoArtifact model -Repository $reg.Repo -Destination $dest | Out-Null
            Assert-Saved $reg $dest
            ((Save-GtoArtifact 'reports:summary' -Repository $reg.Repo -Destination $dest).Size) | Should -Be $reg.Summary.Length
            $other = New-DvcRegistry -CacheTo (New-TestFolder 'gto-dvc-elsewhere-')
            Remove-Item -LiteralPath (Join-Path $other.Repo '.dvc/cache') -Recurse -ErrorAction SilentlyContinue
            $err = $null
            Save-GtoArtifact model -Repository $other.Repo -Destination (New-TestDestination) -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -BeLike 'ContentNotAvailable,*'
        }
        finally {
            Stop-TestHttpServer $server
            foreach ($r in $reg, $other) { if ($r) { Remove-TestRepository $r.Repo } }
        }
    }

    It 'takes -DvcRemote as a folder or URL instead of the configured remote' {
        $remote = New-TestFolder 'gto-dvc-override-'
        $server = Start-TestHttpServer $remote
        $reg = New-DvcRegistry -Remote 's3://bucket/path' -CacheTo $remote
        try {
            $dest = New-TestDestination
            Save-GtoArtifact model -Repository $reg.Repo -Destination $dest -DvcRemote $server.Url | Out-Null
            Assert-Saved $reg $dest
            Save-GtoArtifact data -Repository $reg.Repo -Destination $dest -DvcRemote $remote | Should -HaveCount 2
        }
        finally {
            Stop-TestHttpServer $server
            Remove-TestRepository $reg.Repo
        }
    }

    It 'gives DvcRemoteNotSupported for an s3 remote, suggesting dvc pull' {
        $reg = New-DvcRegistry -Remote 's3://bucket/path' -CacheTo (New-TestFolder 'gto-dvc-unused-')
        try {
            $err = $null
            $dest = New-TestDestination
            Save-GtoArtifact model -Repository $reg.Repo -Destination $dest -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -BeLike 'DvcRemoteNotSupported,*'
            $err[0].Exception.Message | Should -Match 'dvc pull'
            Test-Path -LiteralPath $dest | Should -BeFalse
        }
        finally { Remove-TestRepository $reg.Repo }
    }
}
