# CI events: in a job started by a pushed tag, ConvertFrom-GtoTag and Resolve-GtoRef with no -Tag/-Ref read the
# CI system's ref — GitHub Actions GITHUB_REF, GitLab CI_COMMIT_TAG, Azure Pipelines BUILD_SOURCEBRANCH — and
# docs/ci/Invoke-GtoDeployDecision.ps1, the script the example pipelines in docs/ci/ call, decides on it.
# The pipeline files themselves are parsed as YAML and their decision steps are run as written, in a checkout
# laid out like this repository's, with the CI variable set.
#
# The registry:
#   c1  churn (type model, path models/churn.pkl), .gto stages [dev, prod]   churn@v1.0.0, churn#dev#1
#   c2  churn path models/churn-v2.pkl; features (type dataset)            churn@v1.1.0, churn#prod#2,
#       legacy (no annotation)                                              features@v0.1.0, features#prod#1, legacy#prod#1
#   c3  churn path models/churn-v3.pkl (HEAD, not registered)              release-1 (an annotated tag that is not GTO's)

BeforeAll {
    $repoRoot = (Resolve-Path "$PSScriptRoot/../..").ProviderPath
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    $modulePath = Get-GtoModulePath
    $moduleDir = Split-Path $modulePath
    $ciDocs = Join-Path $repoRoot 'docs/ci'
    $decide = Join-Path $ciDocs 'Invoke-GtoDeployDecision.ps1'
    Import-Module $modulePath -Force

    $script:ciVariables = 'GITHUB_REF', 'CI_COMMIT_TAG', 'BUILD_SOURCEBRANCH'
    # Sets exactly one CI variable (or none for $null) and clears the others.
    function Set-CiRef([string] $Variable, [string] $Value) {
        foreach ($v in $script:ciVariables) { Set-TestEnv $v $null }
        if ($Variable) { Set-TestEnv $Variable $Value }
    }

    $script:repo = New-TestRepository
    $t = [DateTimeOffset]::new(2024, 6, 1, 9, 0, 0, [TimeSpan]::FromHours(2))
    $script:c1 = New-TestCommit $script:repo @{
        'artifacts.yaml' = "churn:`n  type: model`n  path: models/churn.pkl`n"
        '.gto'           = "stages: [dev, prod]`n"
    } -Message 'churn v1' -Date $t
    New-TestTag $script:repo 'churn@v1.0.0' 'Registering churn v1.0.0' -Date $t.AddMinutes(1) | Out-Null
    New-TestTag $script:repo 'churn#dev#1' 'Assigning dev' -Date $t.AddMinutes(2) | Out-Null
    $script:c2 = New-TestCommit $script:repo @{
        'artifacts.yaml' = "churn:`n  type: model`n  path: models/churn-v2.pkl`nfeatures:`n  type: dataset`n  path: data/features.parquet`n"
    } -Message 'churn v2, features' -Date $t.AddMinutes(10)
    New-TestTag $script:repo 'churn@v1.1.0' 'Registering churn v1.1.0' -Date $t.AddMinutes(11) | Out-Null
    New-TestTag $script:repo 'churn#prod#2' 'Assigning prod' -Date $t.AddMinutes(12) | Out-Null
    New-TestTag $script:repo 'features@v0.1.0' 'Registering features' -Date $t.AddMinutes(13) | Out-Null
    New-TestTag $script:repo 'features#prod#1' 'Assigning prod' -Date $t.AddMinutes(14) | Out-Null
    New-TestTag $script:repo 'legacy#prod#1' 'Assigning prod' -Date $t.AddMinutes(15) | Out-Null
    $script:c3 = New-TestCommit $script:repo @{
        'artifacts.yaml' = "churn:`n  type: model`n  path: models/churn-v3.pkl`nfeatures:`n  type: dataset`n  path: data/features.parquet`n"
    } -Message 'churn v3' -Date $t.AddMinutes(20)
    New-TestTag $script:repo 'release-1' 'Release 1 (not a GTO tag)' -Date $t.AddMinutes(21) | Out-Null

    # Runs the decision script; returns the decision, what it wrote (host and warnings) and what -DeployScript got.
    function Invoke-Decision([hashtable] $Parameters = @{}) {
        $record = Join-Path (New-TestFolder) 'deployed.txt'
        $deploy = Join-Path (Split-Path $record) 'deploy.ps1'
        Set-Content -LiteralPath $deploy -Value (
            'param([Parameter(Mandatory)] $Decision)',
            "Add-Content -LiteralPath '$record' -Value (`$Decision | Select-Object Artifact, Version, Stage, Type, Path, Commit, Tag | ConvertTo-Json -Compress)",
            "'deploy script ran'")
        $p = @{ Repository = $script:repo; ModulePath = $modulePath; DeployScript = $deploy }
        foreach ($k in $Parameters.Keys) { $p[$k] = $Parameters[$k] }
        $all = @(& $decide @p 6>&1 3>&1)
        [pscustomobject]@{
            Decision = @($all | Where-Object { $_.PSObject.TypeNames -contains 'Gto.DeployDecision' })
            Host     = @($all | Where-Object { $_ -is [System.Management.Automation.InformationRecord] } | ForEach-Object { "$_" })
            Warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object Message)
            Other    = @($all | Where-Object { $_ -is [string] })
            Deployed = if (Test-Path -LiteralPath $record) { @(Get-Content -LiteralPath $record | ConvertFrom-Json) } else { @() }
        }
    }
}

AfterAll {
    Remove-TestFolders
}

Describe 'CI refs' {
# Every test starts with no CI variable and leaves the environment as it found it.
BeforeEach {
    $script:savedEnv = @{}
    foreach ($v in $script:ciVariables) { $script:savedEnv[$v] = [Environment]::GetEnvironmentVariable($v) }
    Set-CiRef $null
}

AfterEach {
    foreach ($v in $script:savedEnv.Keys) { Set-TestEnv $v $script:savedEnv[$v] }
}

Describe 'A pushed GTO tag in <Variable>' -ForEach @(
    @{ Variable = 'GITHUB_REF'; Value = 'refs/tags/churn#prod#2'; System = 'GitHub Actions' }
    @{ Variable = 'CI_COMMIT_TAG'; Value = 'churn#prod#2'; System = 'GitLab CI' }
    @{ Variable = 'BUILD_SOURCEBRANCH'; Value = 'refs/tags/churn#prod#2'; System = 'Azure Pipelines' }
) {
    It 'ConvertFrom-GtoTag with no arguments returns the parsed tag' {
        Set-CiRef $Variable $Value
        $r = Invoke-Captured { ConvertFrom-GtoTag }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output | Should -HaveCount 1
        $p = $r.Output[0]
        $p | Should -BeOfType ([Gto.ParsedTag])
        $p.Tag | Should -BeExactly 'churn#prod#2'
        $p.Artifact | Should -BeExactly 'churn'
        $p.Action | Should -Be ([Gto.TagAction]::Assign)
        $p.Stage | Should -BeExactly 'prod'
        $p.Counter | Should -Be 2
        $p.Version | Should -BeNullOrEmpty
    }

    It 'Resolve-GtoRef with no -Ref returns the assignment, with the annotation at its commit' {
        Set-CiRef $Variable $Value
        $r = Invoke-Captured { Resolve-GtoRef -Repository $script:repo }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output | Should -HaveCount 1
        $e = $r.Output[0]
        $e | Should -BeOfType ([Gto.AssignmentEvent])
        $e.Kind | Should -Be ([Gto.EventKind]::Assignment)
        $e.Artifact | Should -BeExactly 'churn'
        $e.Version | Should -BeExactly 'v1.1.0'
        $e.Stage | Should -BeExactly 'prod'
        $e.Commit | Should -Be $script:c2
        $e.Tag | Should -BeExactly 'churn#prod#2'
        $e.Annotation | Should -Not -BeNullOrEmpty
        $e.Annotation.Type | Should -BeExactly 'model'
        $e.Annotation.Path | Should -BeExactly 'models/churn-v2.pkl' -Because 'the annotation is the one at the tagged commit, not at HEAD'
        $e.Annotation.Commit | Should -Be $script:c2
    }

    It 'Resolve-GtoRef reads the current location when -Repository is left out (the CI checkout)' {
        Set-CiRef $Variable $Value
        Push-Location $script:repo
        try { $e = @(Resolve-GtoRef) } finally { Pop-Location }
        $e | Should -HaveCount 1
        $e[0].Tag | Should -BeExactly 'churn#prod#2'
    }

    It 'an explicit -Tag / -Ref is used instead of the CI variable' {
        Set-CiRef $Variable $Value
        (ConvertFrom-GtoTag -Tag 'churn#dev#1').Stage | Should -Be 'dev'
        (Resolve-GtoRef -Ref 'churn#dev#1' -Repository $script:repo).Stage | Should -Be 'dev'
    }

    It 'a registration tag resolves to a RegistrationEvent with its annotation' {
        Set-CiRef $Variable ($Value -replace 'churn#prod#2', 'churn@v1.0.0')
        (ConvertFrom-GtoTag).Action | Should -Be ([Gto.TagAction]::Register)
        $e = @(Resolve-GtoRef -Repository $script:repo)
        $e | Should -HaveCount 1
        $e[0] | Should -BeOfType ([Gto.RegistrationEvent])
        $e[0].Version | Should -Be 'v1.0.0'
        $e[0].Annotation.Path | Should -Be 'models/churn.pkl'
    }
}

Describe 'A build that is not a GTO tag gives nothing and no error: <Variable>=<Value>' -ForEach @(
    @{ Variable = 'GITHUB_REF'; Value = 'refs/heads/main' }
    @{ Variable = 'BUILD_SOURCEBRANCH'; Value = 'refs/heads/main' }
    @{ Variable = 'GITHUB_REF'; Value = 'refs/pull/7/merge' }
    @{ Variable = 'GITHUB_REF'; Value = 'refs/heads/churn#prod#2' }
    @{ Variable = 'GITHUB_REF'; Value = 'refs/tags/release-1' }
    @{ Variable = 'CI_COMMIT_TAG'; Value = 'release-1' }
    @{ Variable = 'BUILD_SOURCEBRANCH'; Value = 'refs/tags/release-1' }
) {
    It 'ConvertFrom-GtoTag returns nothing' {
        Set-CiRef $Variable $Value
        $r = Invoke-Captured { ConvertFrom-GtoTag }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output | Should -BeNullOrEmpty
    }

    It 'Resolve-GtoRef returns nothing' {
        Set-CiRef $Variable $Value
        $r = Invoke-Captured { Resolve-GtoRef -Repository $script:repo }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output | Should -BeNullOrEmpty
    }
}

Describe 'A GTO tag name the registry does not have' {
    It 'ConvertFrom-GtoTag parses it, Resolve-GtoRef returns nothing and no error' {
        Set-CiRef 'GITHUB_REF' 'refs/tags/churn#prod#9'
        (ConvertFrom-GtoTag).Counter | Should -Be 9
        $r = Invoke-Captured { Resolve-GtoRef -Repository $script:repo }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output | Should -BeNullOrEmpty
    }
}

Describe 'No CI variable at all' {
    It 'ConvertFrom-GtoTag is a NoTagGiven error and returns nothing' {
        $r = Invoke-Captured { ConvertFrom-GtoTag }
        $r.Output | Should -BeNullOrEmpty
        $r.Errors | Should -HaveCount 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'NoTagGiven,*'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'Resolve-GtoRef is a NoRefGiven error and returns nothing' {
        $r = Invoke-Captured { Resolve-GtoRef -Repository $script:repo }
        $r.Output | Should -BeNullOrEmpty
        $r.Errors | Should -HaveCount 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'NoRefGiven,*'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}

Describe 'The tag that started the run is lightweight in the checkout (actions/checkout)' {
    BeforeEach {
        # A CI checkout: a clone, whose pushed tag the checkout then replaced by a lightweight tag on its commit.
        $checkout = Join-Path (New-TestFolder) 'checkout'
        Invoke-TestGit (Split-Path $checkout) @('clone', '-q', $script:repo, $checkout) | Out-Null
        Invoke-TestGit $checkout @('tag', '-f', 'churn#prod#2', $script:c2) | Out-Null
        Invoke-TestGit $checkout @('cat-file', '-t', 'refs/tags/churn#prod#2') | Should -Be 'commit'
        Set-CiRef 'GITHUB_REF' 'refs/tags/churn#prod#2'
    }

    It 'Resolve-GtoRef returns nothing: GTO ignores lightweight tags' {
        @(Resolve-GtoRef -Repository $checkout) | Should -HaveCount 0
    }

    It 'the decision script says so, and does not deploy' {
        $d = Invoke-Decision @{ Repository = $checkout }
        $d.Decision | Should -HaveCount 1
        $d.Decision[0].Deploy | Should -BeFalse
        $d.Warnings | Should -HaveCount 1
        $d.Warnings[0] | Should -BeLike '*lightweight*'
        $d.Deployed | Should -BeNullOrEmpty
    }

    It 'the decision script with -RestoreAnnotatedTag fetches the annotated tag again and deploys' {
        $d = Invoke-Decision @{ Repository = $checkout; RestoreAnnotatedTag = $true }
        Invoke-TestGit $checkout @('cat-file', '-t', 'refs/tags/churn#prod#2') | Should -Be 'tag'
        $d.Decision[0].Deploy | Should -BeTrue
        $d.Decision[0].Version | Should -Be 'v1.1.0'
        $d.Deployed | Should -HaveCount 1
    }
}

Describe 'docs/ci/Invoke-GtoDeployDecision.ps1' {
    Context 'a prod assignment in <Variable>' -ForEach @(
        @{ Variable = 'GITHUB_REF'; Value = 'refs/tags/churn#prod#2' }
        @{ Variable = 'CI_COMMIT_TAG'; Value = 'churn#prod#2' }
        @{ Variable = 'BUILD_SOURCEBRANCH'; Value = 'refs/tags/churn#prod#2' }
    ) {
        It 'decides to deploy churn v1.1.0 from models/churn-v2.pkl and runs the deploy script once' {
            Set-CiRef $Variable $Value
            $d = Invoke-Decision
            $d.Warnings | Should -BeNullOrEmpty
            $d.Decision | Should -HaveCount 1
            $x = $d.Decision[0]
            $x.Deploy | Should -BeTrue
            $x.Ref | Should -Be $Value
            $x.Artifact | Should -Be 'churn'
            $x.Version | Should -Be 'v1.1.0'
            $x.Stage | Should -Be 'prod'
            $x.Type | Should -Be 'model'
            $x.Path | Should -Be 'models/churn-v2.pkl'
            $x.Commit | Should -Be $script:c2
            $x.Tag | Should -Be 'churn#prod#2'
            $x.Event | Should -BeOfType ([Gto.AssignmentEvent])
            $d.Host | Should -Contain "GTO: deploy churn v1.1.0 (model) from models/churn-v2.pkl at $($script:c2) to prod."
            $d.Deployed | Should -HaveCount 1
            $d.Deployed[0].Version | Should -Be 'v1.1.0'
            $d.Deployed[0].Path | Should -Be 'models/churn-v2.pkl'
            $d.Other | Should -Be 'deploy script ran'
        }
    }

    It 'does not deploy a dev assignment, and says why' {
        Set-CiRef 'GITHUB_REF' 'refs/tags/churn#dev#1'
        $d = Invoke-Decision
        $d.Decision[0].Deploy | Should -BeFalse
        $d.Decision[0].Reason | Should -BeLike '*assigns dev, not prod*'
        $d.Decision[0].Version | Should -Be 'v1.0.0' -Because 'the event is still described'
        $d.Host | Should -BeLike 'GTO: no deployment: *'
        $d.Deployed | Should -BeNullOrEmpty
    }

    It 'deploys a dev assignment with -Stage dev' {
        Set-CiRef 'GITHUB_REF' 'refs/tags/churn#dev#1'
        $d = Invoke-Decision @{ Stage = 'dev' }
        $d.Decision[0].Deploy | Should -BeTrue
        $d.Decision[0].Path | Should -Be 'models/churn.pkl'
        $d.Deployed | Should -HaveCount 1
    }

    It 'does not deploy a registration' {
        Set-CiRef 'CI_COMMIT_TAG' 'churn@v1.1.0'
        $d = Invoke-Decision
        $d.Decision[0].Deploy | Should -BeFalse
        $d.Decision[0].Reason | Should -BeLike '*registration*'
        $d.Deployed | Should -BeNullOrEmpty
    }

    It 'does not deploy on a branch build, without a warning' {
        Set-CiRef 'BUILD_SOURCEBRANCH' 'refs/heads/main'
        $d = Invoke-Decision
        $d.Decision[0].Deploy | Should -BeFalse
        $d.Decision[0].Reason | Should -BeLike '*not a GTO tag*'
        $d.Warnings | Should -BeNullOrEmpty
        $d.Deployed | Should -BeNullOrEmpty
    }

    It 'does not deploy, and warns, with no CI variable' {
        $d = Invoke-Decision
        $d.Decision[0].Deploy | Should -BeFalse
        $d.Warnings | Should -HaveCount 1
        $d.Deployed | Should -BeNullOrEmpty
    }

    It '-Type model does not deploy a dataset; -Type dataset does' {
        Set-CiRef 'GITHUB_REF' 'refs/tags/features#prod#1'
        $d = Invoke-Decision @{ Type = 'model' }
        $d.Decision[0].Deploy | Should -BeFalse
        $d.Decision[0].Reason | Should -BeLike "*type 'model'*"
        $d.Deployed | Should -BeNullOrEmpty
        (Invoke-Decision @{ Type = 'dataset' }).Decision[0].Path | Should -Be 'data/features.parquet'
    }

    It '-Artifact churn does not deploy features' {
        Set-CiRef 'GITHUB_REF' 'refs/tags/features#prod#1'
        (Invoke-Decision @{ Artifact = 'churn' }).Decision[0].Deploy | Should -BeFalse
        (Invoke-Decision @{ Artifact = 'feat*' }).Decision[0].Deploy | Should -BeTrue
    }

    It 'deploys an artifact without annotation, with no type or path' {
        Set-CiRef 'GITHUB_REF' 'refs/tags/legacy#prod#1'
        $d = Invoke-Decision
        $d.Decision[0].Deploy | Should -BeTrue
        $d.Decision[0].Type | Should -BeNullOrEmpty
        $d.Decision[0].Path | Should -BeNullOrEmpty
        # An assignment on a commit where the artifact has no registered version names the version by the commit, as GTO does.
        $d.Decision[0].Version | Should -Be $script:c2
        $d.Host | Should -Contain "GTO: deploy legacy $($script:c2) at $($script:c2) to prod."
    }

    It 'a failing deploy script fails the script (the CI step)' {
        Set-CiRef 'GITHUB_REF' 'refs/tags/churn#prod#2'
        $deploy = Join-Path (New-TestFolder) 'fail.ps1'
        Set-Content -LiteralPath $deploy -Value 'param($Decision) throw "deployment of $($Decision.Version) failed"'
        { & $decide -Repository $script:repo -ModulePath $modulePath -DeployScript $deploy 6>$null } |
            Should -Throw '*deployment of v1.1.0 failed*'
    }
}

Describe 'docs/ci pipeline examples' {
    BeforeAll {
        $files = @{
            GitHub = Join-Path $ciDocs 'github-actions.yml'
            GitLab = Join-Path $ciDocs 'gitlab-ci.yml'
            Azure  = Join-Path $ciDocs 'azure-pipelines.yml'
        }

        # YamlDotNet: the NuGet-cached 16.3.0 (as restored by this repository's build), else any cached version,
        # else the copy the module ships. Parsed in a child pwsh, so this session's assembly loading stays as it was.
        $nugetRoot = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else {
            (& dotnet nuget locals global-packages --list) -replace '^.*?global-packages:\s*', '' | Select-Object -First 1
        }
        $yamlDll = @(
            (Join-Path $nugetRoot 'yamldotnet/16.3.0/lib/netstandard2.1/YamlDotNet.dll')
            @(Get-ChildItem (Join-Path $nugetRoot 'yamldotnet') -Directory -ErrorAction SilentlyContinue |
                    Sort-Object { [version]($_.Name -replace '-.*$', '') } -Descending |
                    ForEach-Object { Join-Path $_.FullName 'lib/netstandard2.1/YamlDotNet.dll' })
            (Join-Path $moduleDir 'core/dependencies/YamlDotNet.dll')
        ) | Where-Object { Test-Path -LiteralPath $_ } | Select-Object -First 1
        $yamlDll | Should -Not -BeNullOrEmpty -Because 'YamlDotNet is needed to parse the pipeline files'

        $parser = Join-Path (New-TestFolder) 'parse-yaml.ps1'
        Set-Content -LiteralPath $parser -Value @'
param([string] $Dll, [string] $File)
$ErrorActionPreference = 'Stop'
Add-Type -LiteralPath $Dll
$text = [IO.File]::ReadAllText($File)
$object = [YamlDotNet.Serialization.DeserializerBuilder]::new().Build().Deserialize([IO.StringReader]::new($text))
[YamlDotNet.Serialization.SerializerBuilder]::new().JsonCompatible().Build().Serialize($object)
'@
        $pwsh = Get-TestPwshCommand
        $parsed = @{}
        $parseErrors = @{}
        foreach ($name in $files.Keys) {
            $json = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $parser $yamlDll $files[$name] 2>&1
            if ($LASTEXITCODE -eq 0) { $parsed[$name] = ($json -join "`n") | ConvertFrom-Json -AsHashtable }
            else { $parseErrors[$name] = $json -join "`n" }
        }

        # The one command line of a pipeline that calls the decision script.
        function Get-DecisionLines([string] $Name) {
            @(Get-Content -LiteralPath $files[$Name] | Where-Object { $_ -match 'Invoke-GtoDeployDecision\.ps1' -and $_ -notmatch '^\s*#' } |
                ForEach-Object { ($_ -replace '^\s*(-\s+)?((run|pwsh):\s+)?', '').Trim() })
        }

        # A CI checkout laid out like this repository: the registry, with docs/ci, the built module in out/Gto and
        # the tool manifest (for `dotnet pwsh`), as the pipelines' earlier steps leave it.
        $checkout = Join-Path (New-TestFolder) 'checkout'
        Invoke-TestGit (Split-Path $checkout) @('clone', '-q', $script:repo, $checkout) | Out-Null
        New-Item -ItemType Directory -Path (Join-Path $checkout 'docs/ci'), (Join-Path $checkout 'out') | Out-Null
        Copy-Item (Join-Path $ciDocs '*.ps1') (Join-Path $checkout 'docs/ci')
        Copy-Item -Recurse $moduleDir (Join-Path $checkout 'out/Gto')
        Copy-Item (Join-Path $repoRoot 'dotnet-tools.json') $checkout
    }

    It '<_> parses as YAML' -ForEach 'GitHub', 'GitLab', 'Azure' {
        $parseErrors[$_] | Should -BeNullOrEmpty
        $parsed[$_] | Should -Not -BeNullOrEmpty
    }

    It 'GitHub: tag pushes, ubuntu and windows, full checkout, .NET, build, then the decision script' {
        $y = $parsed.GitHub
        $y['on']['push']['tags'] | Should -Contain '**'
        $y['on']['push'].Keys | Should -Not -Contain 'branches'
        $job = $y['jobs'].Values | Select-Object -First 1
        $job['strategy']['matrix']['os'] | Should -Be @('ubuntu-latest', 'windows-latest')
        $job['runs-on'] | Should -Be '${{ matrix.os }}'
        $steps = $job['steps']
        $checkoutStep = $steps | Where-Object { $_['uses'] -like 'actions/checkout@*' }
        $checkoutStep['with']['fetch-depth'] | Should -Be '0'
        ($steps | Where-Object { $_['uses'] -like 'actions/setup-dotnet@*' })['with']['dotnet-version'] | Should -BeLike '*10.0.x*'
        $runs = @($steps | Where-Object { $_['run'] } | ForEach-Object { $_['run'] })
        $runs -join "`n" | Should -BeLike '*dotnet tool restore*build.ps1 Build*Invoke-GtoDeployDecision.ps1*'
        $steps | Where-Object { $_['run'] } | ForEach-Object { $_['shell'] | Should -Be 'pwsh' }
        [array]::IndexOf($steps, $checkoutStep) | Should -Be 0
    }

    It 'GitLab: tag pipelines only, full depth and all tags, a Linux sdk image job and a Windows runner job' {
        $y = $parsed.GitLab
        $y['variables']['GIT_DEPTH'] | Should -Be '0'
        $y['variables']['GIT_FETCH_EXTRA_FLAGS'] | Should -BeLike '*--tags*'
        $jobs = $y.Keys | Where-Object { $_ -notlike '.*' -and $_ -notin 'variables', 'stages', 'default', 'workflow', 'include' }
        $jobs | Should -HaveCount 2
        foreach ($j in $jobs) {
            $job = $y[$j]
            $job['extends'] | Should -Be '.gto-deploy'
            ($job['script'] -join "`n") | Should -BeLike '*dotnet tool restore*build.ps1 Build*Invoke-GtoDeployDecision.ps1*'
        }
        $y['.gto-deploy']['rules'][0]['if'] | Should -Be '$CI_COMMIT_TAG'
        @($jobs | Where-Object { $y[$_]['image'] -like 'mcr.microsoft.com/dotnet/sdk:*' }) | Should -HaveCount 1
        @($jobs | Where-Object { $y[$_]['tags'] -contains 'saas-windows-medium-amd64' }) | Should -HaveCount 1
    }

    It 'Azure: tag triggers, ubuntu-latest and windows-latest, fetchDepth 0 with tags, then the decision script' {
        $y = $parsed.Azure
        $y['trigger']['tags']['include'] | Should -Contain '*'
        @($y['strategy']['matrix'].Values | ForEach-Object { $_['imageName'] } | Sort-Object) | Should -Be @('ubuntu-latest', 'windows-latest')
        $y['pool']['vmImage'] | Should -Be '$(imageName)'
        $checkoutStep = $y['steps'][0]
        $checkoutStep['checkout'] | Should -Be 'self'
        $checkoutStep['fetchDepth'] | Should -Be '0'
        $checkoutStep['fetchTags'] | Should -Be 'true'
        ($y['steps'] | Where-Object { $_['task'] -like 'UseDotNet@*' })['inputs']['version'] | Should -BeLike '10.0*'
        ($y['steps'] | Where-Object { $_['pwsh'] } | ForEach-Object { $_['pwsh'] }) -join "`n" |
            Should -BeLike '*dotnet tool restore*build.ps1 Build*Invoke-GtoDeployDecision.ps1*'
    }

    It '<Name> calls the decision script with parameters it has' -ForEach @(
        @{ Name = 'GitHub' }, @{ Name = 'GitLab' }, @{ Name = 'Azure' }
    ) {
        $known = (Get-Command $decide).Parameters.Keys
        $lines = Get-DecisionLines $Name
        $lines | Should -Not -BeNullOrEmpty
        foreach ($line in $lines) {
            $tokens = $null; $errors = $null
            [System.Management.Automation.Language.Parser]::ParseInput($line, [ref] $tokens, [ref] $errors) | Out-Null
            $errors | Should -BeNullOrEmpty
            $afterScript = $line.Substring($line.IndexOf('Invoke-GtoDeployDecision.ps1'))
            foreach ($p in [regex]::Matches($afterScript, '(?<=\s)-(\w+)') | ForEach-Object { $_.Groups[1].Value }) {
                $known | Should -Contain $p
            }
        }
    }

    It "<Name>'s decision step, run as written in a checkout with <Variable> set, deploys churn v1.1.0" -ForEach @(
        @{ Name = 'GitHub'; Variable = 'GITHUB_REF'; Value = 'refs/tags/churn#prod#2' }
        @{ Name = 'GitLab'; Variable = 'CI_COMMIT_TAG'; Value = 'churn#prod#2' }
        @{ Name = 'Azure'; Variable = 'BUILD_SOURCEBRANCH'; Value = 'refs/tags/churn#prod#2' }
    ) {
        Set-CiRef $Variable $Value
        $pwsh = Get-TestPwshCommand
        foreach ($line in Get-DecisionLines $Name) {
            Push-Location $checkout
            try { $out = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $line 2>&1 }
            finally { Pop-Location }
            $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
            $text = $out -join "`n"
            $text | Should -BeLike "*GTO: deploy churn v1.1.0 (model) from models/churn-v2.pkl at $($script:c2) to prod.*"
            $text | Should -BeLike "*Deploying churn v1.1.0 to prod: model at 'models/churn-v2.pkl', commit $($script:c2).*"
        }
    }

    It "<Name>'s decision step, run as written on a branch build, deploys nothing and succeeds" -ForEach @(
        @{ Name = 'GitHub'; Variable = 'GITHUB_REF'; Value = 'refs/heads/main' }
        @{ Name = 'Azure'; Variable = 'BUILD_SOURCEBRANCH'; Value = 'refs/heads/main' }
    ) {
        Set-CiRef $Variable $Value
        $pwsh = Get-TestPwshCommand
        foreach ($line in Get-DecisionLines $Name) {
            Push-Location $checkout
            try { $out = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $line 2>&1 }
            finally { Pop-Location }
            $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
            ($out -join "`n") | Should -BeLike '*GTO: no deployment: refs/heads/main is not a GTO tag*'
            ($out -join "`n") | Should -Not -BeLike '*Deploying*'
        }
    }
}
}
