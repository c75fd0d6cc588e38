# Hostile YAML (docs/hostile-input.md, "YAML"): alias bombs, self-referencing aliases, 100,000-deep
# nesting, huge files, non-scalar keys and wrong shapes in artifacts.yaml, dvc.yaml, .gto and the
# GTO_* variables; INDEX pointing outside the work tree; -Custom values that do not survive a round
# trip. Every read case runs in a child pwsh (a stack overflow cannot be caught) and must survive
# within its memory bound, with a Gto error id or a DamagedAnnotationFile warning; every write case
# must leave the repository exactly as it was. Nothing is timed (see Assert-Survived): where reading
# stops on each limit is checked by the engine's YAML tests.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    $modulePath = Get-GtoModulePath
    Import-Module $modulePath -Force
    Import-Module (Join-Path $PSScriptRoot 'Hostile.psm1') -Force

    # Each read cmdlet runs on past another's terminating error, and says how long it took (shown with
    # $env:GTO_TIMINGS set; a measurement for people, not asserted).
    $script:Timing = @'
# A terminating error is passed on as a record, so the next cmdlet still runs.
function Time([string] $Name, [scriptblock] $Run) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    try { & $Run } catch { $_ }
    "TIME:${Name}:$([int]$clock.Elapsed.TotalMilliseconds)"
}

'@
    $script:ReadAll = $script:Timing + @'
Time 'Get-GtoArtifact' { Get-GtoArtifact -Repository $Repo | ForEach-Object { "ART:$($_.Name):$($_.Annotation.Type)" } }
Time 'Get-GtoVersion' { Get-GtoVersion m -Repository $Repo | ForEach-Object { "VER:$($_.Version):$($_.Annotation.Type)" } }
Time 'Get-GtoHistory' { Get-GtoHistory -Repository $Repo | ForEach-Object { "HIS:$($_.Tag)" } }
Time 'Get-GtoAnnotation' { Get-GtoAnnotation -Repository $Repo | ForEach-Object { "ANN:$($_.Artifact):$($_.Source):$($_.Type)" } }
Time 'Test-GtoRegistry' { Test-GtoRegistry -Repository $Repo | ForEach-Object { "DIAG:$($_.Id)" } }
'@

    # YAML values to embed: each is one line (flow style) unless its name starts with 'block'.
    function Get-Hostile([string] $Kind) {
        switch ($Kind) {
            'self-reference' { '&a [x, *a]' }
            'self-reference-map' { '&a {x: *a}' }
            'billion-laughs' {
                $levels = @('&a [lol, lol, lol, lol, lol, lol, lol, lol, lol]')
                foreach ($i in 1..8) {
                    $prev = [char]([int][char]'a' + $i - 1)
                    $levels += "&$([char]([int][char]'a' + $i)) [" + ((1..9 | ForEach-Object { "*$prev" }) -join ', ') + ']'
                }
                '{' + ((0..8 | ForEach-Object { "l${_}: $($levels[$_])" }) -join ', ') + '}'
            }
            'deep-flow-sequence' { ('[' * 100000) + (']' * 100000) }
            # A variable holds at most 128 KiB on Linux.
            'deep-variable' { ('[' * 50000) + (']' * 50000) }
            'deep-flow-mapping' { ('{a: ' * 100000) + '1' + ('}' * 100000) }
            'block-deep-sequence' { ('- ' * 100000) + 'x' }
            'unknown-alias' { '[*nowhere]' }
            default { throw "unknown kind $Kind" }
        }
    }

    # The file text with a hostile value in the place the file's format allows free structure.
    function New-HostileFile([string] $File, [string] $Kind) {
        $value = Get-Hostile $Kind
        $block = $Kind -like 'block*'
        switch ($File) {
            'artifacts.yaml' { if ($block) { "m:`n  type: model`n  custom:`n    $value`n" } else { "m:`n  type: model`n  custom: $value`n" } }
            'dvc.yaml' { if ($block) { "artifacts:`n  m:`n    type: model`n    path: m.pkl`n    meta:`n      $value`n" } else { "artifacts:`n  m:`n    type: model`n    path: m.pkl`n    meta: $value`n" } }
            '.gto' { if ($block) { "stages:`n  $value`n" } else { "stages: $value`n" } }
        }
    }

    # A repository whose HEAD holds $Files, with a version m@v0.0.1 at HEAD (or at an earlier commit holding $AtVersion).
    function New-YamlRepo([hashtable] $Files = @{}, [hashtable] $AtVersion) {
        $repo = New-TestRepository
        if ($AtVersion) {
            New-TestCommit $repo $AtVersion -Message 'version' | Out-Null
            New-TestTag $repo 'm@v0.0.1' 'Registering artifact m version v0.0.1' | Out-Null
            New-TestCommit $repo $Files -Message 'head' | Out-Null
        }
        else {
            New-TestCommit $repo $Files -Message 'head' | Out-Null
            New-TestTag $repo 'm@v0.0.1' 'Registering artifact m version v0.0.1' | Out-Null
        }
        # The registry's write lock file stays once any write took it: make it now, so snapshots compare content.
        New-Item -ItemType File -Path (Join-Path $repo '.git/gto.lock') | Out-Null
        $repo
    }

    function Invoke-Read([string] $Repo, [hashtable] $Environment = @{}) {
        $run = Invoke-GtoChild $Repo $script:ReadAll -Environment $Environment
        Assert-Survived $run
        Show-Timing $run
        $run
    }

    # With $env:GTO_TIMINGS set, how long each cmdlet the child timed took.
    function Show-Timing($Run) {
        if (-not $env:GTO_TIMINGS) { return }
        foreach ($line in @($Run.Output | Where-Object { $_ -like 'TIME:*' })) {
            $null, $name, $ms = $line -split ':'
            Write-Host "      $name $ms ms (child $([math]::Round($Run.Seconds, 1)) s, $($Run.PeakMB) MB)"
        }
    }

    function Assert-Damaged($Run) {
        @($Run.Errors).Count | Should -Be 0 -Because ($Run.Errors | ConvertTo-Json -Depth 3)
        $Run.Output | Should -Contain 'DIAG:DamagedAnnotationFile'
        @($Run.Warnings | Where-Object { $_ -match "doesn't conform to GTO format" }).Count | Should -BeGreaterThan 0
        $Run.Output | Should -Contain 'ART:m:'
    }

    function Assert-InvalidConfig($Run, [string] $Naming) {
        $ids = @($Run.Errors | ForEach-Object Id)
        $ids.Count | Should -BeGreaterOrEqual 4
        $ids | Where-Object { $_ -ne 'InvalidConfig' } | Should -BeNullOrEmpty
        $Run.Output | Should -Contain 'DIAG:InvalidConfig'
        if ($Naming) { $Run.Errors[0].Message | Should -BeLike "*$Naming*" }
    }

    # Runs a write in a child and proves it failed with $Id and changed nothing.
    function Assert-WriteRefused([string] $Repo, [string] $Script, [string] $Id, [hashtable] $Environment = @{}) {
        $before = Get-RepoSnapshot $Repo
        $run = Invoke-GtoChild $Repo ($script:Timing + "Time 'write' {`n$Script`n}") -Environment $Environment
        Assert-Survived $run
        Show-Timing $run
        @($run.Errors | ForEach-Object Id) | Should -Contain $Id
        Get-RepoSnapshot $Repo | Should -Be $before
        $run
    }
}

Describe 'Hostile artifacts.yaml' {
    AfterEach { if ($repo) { Remove-TestRepository $repo } }

    It 'a <Kind> in custom is a damaged file, not a crash' -ForEach @(
        @{ Kind = 'self-reference' }, @{ Kind = 'self-reference-map' }, @{ Kind = 'billion-laughs' },
        @{ Kind = 'deep-flow-sequence' }, @{ Kind = 'deep-flow-mapping' }, @{ Kind = 'block-deep-sequence' },
        @{ Kind = 'unknown-alias' }
    ) {
        $repo = New-YamlRepo @{ 'artifacts.yaml' = (New-HostileFile 'artifacts.yaml' $Kind) }
        Assert-Damaged (Invoke-Read $repo)
    }

    It 'the 40-byte self-reference of the issue is a damaged file' {
        $repo = New-YamlRepo @{ 'artifacts.yaml' = "m:`n  type: model`n  custom: &a [*a]`n" }
        Assert-Damaged (Invoke-Read $repo)
    }

    It 'a self-referencing alias in labels is a damaged file' {
        $repo = New-YamlRepo @{ 'artifacts.yaml' = "m:`n  type: model`n  labels: &l [a, *l]`n" }
        Assert-Damaged (Invoke-Read $repo)
    }

    It 'an entry that is an alias of the whole file is a damaged file' {
        $repo = New-YamlRepo @{ 'artifacts.yaml' = "&top`nm: *top`n" }
        Assert-Damaged (Invoke-Read $repo)
    }

    It 'a file over 1 MiB is a damaged file' {
        $repo = New-YamlRepo @{ 'artifacts.yaml' = "m:`n  type: model`n  description: " + ('x' * 2MB) + "`n" }
        Assert-Damaged (Invoke-Read $repo)
    }

    It 'a long string aliased many times is a damaged file (expanded characters are bounded)' {
        $list = (1..20000 | ForEach-Object { '*s' }) -join ', '
        $repo = New-YamlRepo @{ 'artifacts.yaml' = "m:`n  type: model`n  custom:`n    s: &s " + ('x' * 500KB) + "`n    l: [$list]`n" }
        Assert-Damaged (Invoke-Read $repo)
    }

    It 'a mapping key that is a list is a damaged file' {
        $repo = New-YamlRepo @{ 'artifacts.yaml' = "? [a, b]`n: {type: model}`nm: {type: model}`n" }
        Assert-Damaged (Invoke-Read $repo)
    }

    It 'a mapping key that is a mapping, inside custom, is a damaged file' {
        $repo = New-YamlRepo @{ 'artifacts.yaml' = "m:`n  type: model`n  custom: {{a: b}: c}`n" }
        Assert-Damaged (Invoke-Read $repo)
    }

    It 'a second YAML document is a damaged file' {
        $repo = New-YamlRepo @{ 'artifacts.yaml' = "m:`n  type: model`n---`nn: {}`n" }
        Assert-Damaged (Invoke-Read $repo)
    }

    It 'a bomb at a version''s commit warns where the version is read; HEAD''s annotation still reads' {
        $repo = New-YamlRepo -AtVersion @{ 'artifacts.yaml' = (New-HostileFile 'artifacts.yaml' 'billion-laughs') } `
            -Files @{ 'artifacts.yaml' = "m:`n  type: model`n" }
        $run = Invoke-Read $repo
        @($run.Errors).Count | Should -Be 0
        $run.Output | Should -Contain 'ART:m:model'
        $run.Output | Should -Contain 'VER:v0.0.1:'
        $run.Output | Should -Contain 'ANN:m:artifacts.yaml:model'
        $run.Output | Should -Contain 'DIAG:DamagedAnnotationFile'
    }

    It 'a self-reference at HEAD with a clean file at the version''s commit keeps the version''s annotation' {
        $repo = New-YamlRepo -AtVersion @{ 'artifacts.yaml' = "m:`n  type: model`n" } `
            -Files @{ 'artifacts.yaml' = (New-HostileFile 'artifacts.yaml' 'self-reference') }
        $run = Invoke-Read $repo
        Assert-Damaged $run
        $run.Output | Should -Contain 'VER:v0.0.1:model'
    }

    It 'nesting of 64 levels still reads' {
        $repo = New-YamlRepo @{ 'artifacts.yaml' = "m:`n  type: model`n  custom: " + ('[' * 62) + 'x' + (']' * 62) + "`n" }
        $run = Invoke-Read $repo
        @($run.Errors).Count | Should -Be 0
        $run.Output | Should -Contain 'ANN:m:artifacts.yaml:model'
        $run.Output | Should -Not -Contain 'DIAG:DamagedAnnotationFile'
    }
}

Describe 'Hostile dvc.yaml' {
    AfterEach { if ($repo) { Remove-TestRepository $repo } }

    It 'a <Kind> in meta is ignored with a warning, not a crash' -ForEach @(
        @{ Kind = 'self-reference' }, @{ Kind = 'billion-laughs' }, @{ Kind = 'deep-flow-sequence' },
        @{ Kind = 'deep-flow-mapping' }, @{ Kind = 'block-deep-sequence' }
    ) {
        $repo = New-YamlRepo @{ 'dvc.yaml' = (New-HostileFile 'dvc.yaml' $Kind) }
        $run = Invoke-Read $repo
        @($run.Errors).Count | Should -Be 0
        $run.Output | Should -Not -Contain 'ANN:m:dvc.yaml:model'
        $run.Output | Should -Contain 'ART:m:'
        @($run.Warnings | Where-Object { $_ -match 'dvc\.yaml' }).Count | Should -BeGreaterThan 0
    }

    It 'a self-referencing artifacts section is ignored with a warning' {
        $repo = New-YamlRepo @{ 'dvc.yaml' = "artifacts: &a`n  m: *a`n" }
        $run = Invoke-Read $repo
        @($run.Errors).Count | Should -Be 0
        @($run.Warnings | Where-Object { $_ -match 'dvc\.yaml' }).Count | Should -BeGreaterThan 0
    }

    It 'a billion laughs in a sub-folder''s dvc.yaml is ignored with a warning' {
        $repo = New-YamlRepo @{ 'sub/dvc.yaml' = (New-HostileFile 'dvc.yaml' 'billion-laughs') }
        $run = Invoke-Read $repo
        @($run.Errors).Count | Should -Be 0
        $run.Output | Should -Not -Contain 'ANN:sub:m:sub/dvc.yaml:model'
        @($run.Warnings | Where-Object { $_ -match 'sub/dvc\.yaml' }).Count | Should -BeGreaterThan 0
    }

    It 'a dvc.yaml over 1 MiB is ignored with a warning' {
        $repo = New-YamlRepo @{ 'dvc.yaml' = "artifacts:`n  m:`n    type: model`n    desc: " + ('x' * 2MB) + "`n" }
        $run = Invoke-Read $repo
        @($run.Errors).Count | Should -Be 0
        $run.Output | Should -Not -Contain 'ANN:m:dvc.yaml:model'
    }

    It 'a non-scalar key in dvc.yaml is ignored with a warning' {
        $repo = New-YamlRepo @{ 'dvc.yaml' = "artifacts:`n  [m]: {type: model}`n" }
        $run = Invoke-Read $repo
        @($run.Errors).Count | Should -Be 0
        @($run.Warnings | Where-Object { $_ -match 'dvc\.yaml' }).Count | Should -BeGreaterThan 0
    }
}

Describe 'Hostile .gto' {
    AfterEach { if ($repo) { Remove-TestRepository $repo } }

    It 'a <Kind> in stages is InvalidConfig from every read' -ForEach @(
        @{ Kind = 'self-reference' }, @{ Kind = 'billion-laughs' }, @{ Kind = 'deep-flow-sequence' },
        @{ Kind = 'deep-flow-mapping' }, @{ Kind = 'block-deep-sequence' }
    ) {
        $repo = New-YamlRepo @{ '.gto' = (New-HostileFile '.gto' $Kind) }
        Assert-InvalidConfig (Invoke-Read $repo) '.gto'
    }

    It 'a .gto over 1 MiB is InvalidConfig' {
        $repo = New-YamlRepo @{ '.gto' = "stages: [dev]`n#" + ('x' * 2MB) + "`n" }
        Assert-InvalidConfig (Invoke-Read $repo) '.gto'
    }

    It '<Text> is InvalidConfig, not a cast error' -ForEach @(
        @{ Text = '[a]: b' }, @{ Text = '{a: b}: c' }, @{ Text = 'INDEX: [a]' }, @{ Text = 'INDEX: {a: b}' },
        @{ Text = 'stages: {a: b}' }, @{ Text = 'types: [[x]]' }, @{ Text = 'stages: [{a: b}]' },
        @{ Text = 'enrichments: [[x]]' }, @{ Text = 'enrichments: [{type: [gto]}]' }, @{ Text = 'autoload_enrichments: [x]' },
        @{ Text = 'DEBUG: {a: b}' }, @{ Text = 'LOG_LEVEL: [a]' }
    ) {
        $repo = New-YamlRepo @{ '.gto' = "$Text`n" }
        Assert-InvalidConfig (Invoke-Read $repo) '.gto'
    }

    It 'GTO_STAGES holding <Name> is InvalidConfig naming the variable' -ForEach @(
        @{ Name = 'an alias bomb'; Kind = 'billion-laughs' }, @{ Name = 'a self-reference'; Kind = 'self-reference' },
        @{ Name = '50,000-deep nesting'; Kind = 'deep-variable' }
    ) {
        $repo = New-YamlRepo
        Assert-InvalidConfig (Invoke-Read $repo -Environment @{ GTO_STAGES = (Get-Hostile $Kind) }) 'GTO_STAGES'
    }

    It 'a .gto bomb stops Set-GtoAnnotation with InvalidConfig and writes nothing' {
        $repo = New-YamlRepo @{ '.gto' = (New-HostileFile '.gto' 'billion-laughs') }
        Assert-WriteRefused $repo 'Set-GtoAnnotation m -Type model -Repository $Repo' 'InvalidConfig'
    }
}

Describe 'A damaged artifacts.yaml in the work tree stops the editing cmdlets' {
    AfterEach { if ($repo) { Remove-TestRepository $repo } }

    It 'Set-GtoAnnotation refuses a work-tree file with a <Kind>' -ForEach @(
        @{ Kind = 'self-reference' }, @{ Kind = 'billion-laughs' }, @{ Kind = 'deep-flow-sequence' }, @{ Kind = 'block-deep-sequence' }
    ) {
        $repo = New-YamlRepo @{ 'artifacts.yaml' = (New-HostileFile 'artifacts.yaml' $Kind) }
        Assert-WriteRefused $repo 'Set-GtoAnnotation m -Type model -Repository $Repo' 'DamagedAnnotationFile'
    }

    It 'Remove-GtoAnnotation refuses a billion laughs' {
        $repo = New-YamlRepo @{ 'artifacts.yaml' = (New-HostileFile 'artifacts.yaml' 'billion-laughs') }
        Assert-WriteRefused $repo 'Remove-GtoAnnotation m -Repository $Repo' 'DamagedAnnotationFile'
    }

    It 'Set-GtoAnnotation refuses a work-tree file over 1 MiB' {
        $repo = New-YamlRepo @{ 'artifacts.yaml' = "m:`n  description: " + ('x' * 2MB) + "`n" }
        Assert-WriteRefused $repo 'Set-GtoAnnotation m -Type model -Repository $Repo' 'DamagedAnnotationFile'
    }

    It 'Set-GtoAnnotation refuses an artifacts.yaml that is a link to an endless device' -Skip:$IsWindows {
        # Not Get-RepoSnapshot: hashing the link would read /dev/zero for ever.
        $repo = New-YamlRepo
        $link = Join-Path $repo 'artifacts.yaml'
        New-Item -ItemType SymbolicLink -Path $link -Target '/dev/zero' | Out-Null
        $refs = Invoke-TestGit $repo @('for-each-ref')
        $run = Invoke-GtoChild $repo 'Set-GtoAnnotation m -Type model -Repository $Repo'
        Assert-Survived $run
        @($run.Errors | ForEach-Object Id) | Should -Contain 'DamagedAnnotationFile'
        (Get-Item -LiteralPath $link).LinkTarget | Should -Be '/dev/zero'
        @(Get-ChildItem -LiteralPath $repo -Force | ForEach-Object Name) -join ',' | Should -Be '.git,artifacts.yaml'
        Invoke-TestGit $repo @('for-each-ref') | Should -Be $refs
    }

    It 'a .gto that is a link to an endless device is InvalidConfig' -Skip:$IsWindows {
        $repo = New-YamlRepo
        New-Item -ItemType SymbolicLink -Path (Join-Path $repo '.gto') -Target '/dev/zero' | Out-Null
        Assert-InvalidConfig (Invoke-Read $repo) '.gto'
    }
}

Describe 'INDEX stays inside the work tree' {
    BeforeEach {
        $outsideName = 'gto-outside-' + [Guid]::NewGuid().ToString('N').Substring(0, 8) + '.yaml'
        $outside = Join-Path ([IO.Path]::GetTempPath()) $outsideName
    }
    AfterEach {
        if ($repo) { Remove-TestRepository $repo }
        Remove-Item -LiteralPath $outside -Force -ErrorAction SilentlyContinue
    }

    It 'INDEX <Index> is InvalidConfig and Set-GtoAnnotation writes nothing anywhere' -ForEach @(
        @{ Index = "'../{outside}'" }, @{ Index = "'{absolute}'" }, @{ Index = "'sub/../../{outside}'" },
        @{ Index = "'.git/artifacts.yaml'" }, @{ Index = "'.GIT/config'" }, @{ Index = "'sub/../.git/x.yaml'" },
        @{ Index = "'.git./x.yaml'" }, @{ Index = "'GIT~1/x.yaml'" }, @{ Index = '"a\0b.yaml"' },
        @{ Index = "'C:/outside.yaml'" }, @{ Index = "'..\\{outside}'" }
    ) {
        $value = $Index.Replace('{outside}', $outsideName).Replace('{absolute}', $outside.Replace("'", "''"))
        $repo = New-YamlRepo @{ '.gto' = "INDEX: $value`n" }
        Assert-WriteRefused $repo 'Set-GtoAnnotation m -Type model -Repository $Repo' 'InvalidConfig'
        $outside | Should -Not -Exist
        Test-Path -LiteralPath (Join-Path $repo '.git/artifacts.yaml') | Should -BeFalse
    }

    It 'GTO_INDEX pointing outside is InvalidConfig naming the variable' {
        $repo = New-YamlRepo
        $run = Assert-WriteRefused $repo 'Set-GtoAnnotation m -Type model -Repository $Repo' 'InvalidConfig' -Environment @{ GTO_INDEX = "../$outsideName" }
        $run.Errors[0].Message | Should -BeLike '*GTO_INDEX*'
        $outside | Should -Not -Exist
    }

    It 'a read with INDEX outside the work tree is InvalidConfig' {
        $repo = New-YamlRepo @{ '.gto' = "INDEX: ../$outsideName`n" }
        Assert-InvalidConfig (Invoke-Read $repo) '.gto'
    }

    It 'INDEX through a committed link to a folder outside is refused' -Skip:$IsWindows {
        $repo = New-YamlRepo @{ '.gto' = "INDEX: link/$outsideName`n" }
        New-Item -ItemType SymbolicLink -Path (Join-Path $repo 'link') -Target ([IO.Path]::GetTempPath()) | Out-Null
        Invoke-TestGit $repo @('add', 'link') | Out-Null
        Invoke-TestGit $repo @('commit', '-q', '-m', 'link') | Out-Null
        Assert-WriteRefused $repo 'Set-GtoAnnotation m -Type model -Repository $Repo' 'InvalidConfig'
        $outside | Should -Not -Exist
    }

    It 'an artifacts.yaml that links to a file outside is not written through' -Skip:$IsWindows {
        Set-Content -LiteralPath $outside -Value 'm: {}'
        $hash = (Get-FileHash -LiteralPath $outside).Hash
        $repo = New-YamlRepo
        New-Item -ItemType SymbolicLink -Path (Join-Path $repo 'artifacts.yaml') -Target $outside | Out-Null
        Assert-WriteRefused $repo 'Set-GtoAnnotation m -Type model -Repository $Repo' 'DamagedAnnotationFile'
        (Get-FileHash -LiteralPath $outside).Hash | Should -Be $hash
    }

    It 'INDEX in a sub-folder inside the work tree still works' {
        $repo = New-YamlRepo @{ '.gto' = "INDEX: meta/index.yaml`n"; 'meta/keep' = '' }
        Set-GtoAnnotation m -Type model -Repository $repo
        Join-Path $repo 'meta/index.yaml' | Should -Exist
    }
}

Describe 'Set-GtoAnnotation -Custom' {
    BeforeEach { $repo = New-YamlRepo }
    AfterEach { Remove-TestRepository $repo }

    It 'refuses <Name> with InvalidCustomValue and writes nothing' -ForEach @(
        @{ Name = 'a hashtable that contains itself'; Make = '$v = @{}; $v.self = $v' },
        @{ Name = 'a list that contains itself'; Make = '$v = [Collections.ArrayList]::new(); $null = $v.Add($v)' },
        @{ Name = 'a pscustomobject that contains itself'; Make = '$v = [pscustomobject]@{ a = 1 }; $v | Add-Member b $v' },
        @{ Name = 'a FileInfo'; Make = '$v = @{ f = [IO.FileInfo]::new($Repo) }' },
        @{ Name = 'a scriptblock'; Make = '$v = @{ s = { 1 } }' },
        @{ Name = 'a DateTime'; Make = '$v = @{ d = [datetime]::new(2024, 1, 2) }' },
        @{ Name = 'nesting of 100 levels'; Make = '$v = 1; 1..100 | ForEach-Object { $v = @{ a = $v } }' },
        @{ Name = 'a shared list doubled 40 times (2^40 values)'; Make = '$v = @(1); 1..40 | ForEach-Object { $v = @(@{ l = $v }, @{ r = $v }) }' },
        @{ Name = 'an integer beyond Int64'; Make = '$v = @{ n = [uint64]::MaxValue }' },
        @{ Name = 'a key that is not a string or integer'; Make = '$v = @{ ([IO.FileInfo]::new($Repo)) = 1 }' }
    ) {
        Assert-WriteRefused $repo "$Make; Set-GtoAnnotation m -Type model -Custom `$v -Repository `$Repo" 'InvalidCustomValue'
    }

    It 'keeps strings that YAML would read as something else as strings' {
        $strings = @('1.10', '00501', 'null', 'Null', 'NULL', '~', '', ' ', 'true', 'True', 'FALSE', 'yes', 'No', 'on', 'OFF', 'y', 'n',
            '0x1F', '0o17', '0b101', '1_000', '+1', '-1', '.5', '1e5', '1E+5', '.inf', '-.Inf', '.NaN', '1:30', '190:20:30.15',
            '2024-01-02', '2024-01-02 10:00:00', '<<', '=', 'a: b', '#c', '- x', '[x]', '{x: y}', '*a', '&a', '!t', '%p', '@x', '`x',
            '|', '>', "'", '"', '? x', '---', '...', "line1`nline2", "tab`there", " lead", "trail ", "x`0y", 'ünïcødé')
        $custom = [ordered]@{}
        for ($i = 0; $i -lt $strings.Count; $i++) { $custom["k$i"] = $strings[$i] }
        $custom['list'] = $strings
        Set-GtoAnnotation m -Type model -Custom $custom -Repository $repo -Commit
        $read = (Get-GtoAnnotation m -Repository $repo).Custom
        for ($i = 0; $i -lt $strings.Count; $i++) {
            $read["k$i"] | Should -BeOfType ([string]) -Because "'$($strings[$i])' was a string"
            $read["k$i"] | Should -BeExactly $strings[$i]
        }
        @($read['list']).Count | Should -Be $strings.Count
        for ($i = 0; $i -lt $strings.Count; $i++) { $read['list'][$i] | Should -BeExactly $strings[$i] }
    }

    It 'keeps numbers, booleans, null, lists and dictionaries with their YAML types' {
        $custom = @{
            int = 42; long = [long]::MinValue; double = 1.10; small = 1e-7; big = 1e300; whole = 2.0; neg0 = -0.0
            inf = [double]::PositiveInfinity; nan = [double]::NaN; dec = [decimal]'1.25'; single = [single]1.1
            yes = $true; no = $false; nothing = $null; list = @(1, 'a', @(2, 3)); map = @{ b = @{ c = 'd' } }; 1 = 'int key'
        }
        Set-GtoAnnotation m -Type model -Custom $custom -Repository $repo -Commit
        $read = (Get-GtoAnnotation m -Repository $repo).Custom
        $read['int'] | Should -BeOfType ([long]); $read['int'] | Should -Be 42
        $read['long'] | Should -Be ([long]::MinValue)
        $read['double'] | Should -BeOfType ([double]); $read['double'] | Should -Be 1.10
        $read['small'] | Should -Be 1e-7
        $read['big'] | Should -Be 1e300
        $read['whole'] | Should -BeOfType ([double]); $read['whole'] | Should -Be 2.0
        [double]::IsNegative($read['neg0']) | Should -BeTrue
        $read['inf'] | Should -Be ([double]::PositiveInfinity)
        [double]::IsNaN($read['nan']) | Should -BeTrue
        $read['dec'] | Should -BeOfType ([double]); $read['dec'] | Should -Be 1.25
        $read['single'] | Should -Be 1.1
        $read['yes'] | Should -BeExactly $true
        $read['no'] | Should -BeExactly $false
        $read.Contains('nothing') | Should -BeTrue
        $read['nothing'] | Should -BeNullOrEmpty
        $read['list'][0] | Should -BeOfType ([long])
        $read['list'][1] | Should -BeExactly 'a'
        $read['list'][2][1] | Should -Be 3
        $read['map']['b']['c'] | Should -BeExactly 'd'
        $read['1'] | Should -BeExactly 'int key'
    }

    It 'saves a pscustomobject''s properties, nested ones too' {
        $custom = [pscustomobject]@{ owner = 'team'; limits = [pscustomobject]@{ cpu = 2; tags = @('x', [pscustomobject]@{ y = '1.0' }) } }
        Set-GtoAnnotation m -Type model -Custom $custom -Repository $repo -Commit
        $read = (Get-GtoAnnotation m -Repository $repo).Custom
        $read['owner'] | Should -BeExactly 'team'
        $read['limits']['cpu'] | Should -Be 2
        $read['limits']['tags'][1]['y'] | Should -BeExactly '1.0'
    }

    It 'takes a plain string or number as the whole custom value' {
        Set-GtoAnnotation m -Type model -Custom '007' -Repository $repo -Commit
        (Get-GtoAnnotation m -Repository $repo).Custom | Should -BeExactly '007'
        Set-GtoAnnotation m -Custom 7 -Repository $repo -Commit
        (Get-GtoAnnotation m -Repository $repo).Custom | Should -BeExactly 7L
    }

    It 'nests up to the loader''s limit and reads it back' {
        $v = 'leaf'; 1..62 | ForEach-Object { $v = , $v }
        Set-GtoAnnotation m -Type model -Custom $v -Repository $repo -Commit
        $read = (Get-GtoAnnotation m -Repository $repo).Custom
        for ($i = 0; $i -lt 62; $i++) { $read = $read[0] }
        $read | Should -BeExactly 'leaf'
    }
}
