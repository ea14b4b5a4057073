# Builds the Windows installer target\packages\r4-rescue-<version>.msi.
# NOT TESTED: written to the same configuration as build-linux.sh, but no Windows machine was
# available. Needs a JDK 17+ (jlink, jpackage), Maven and the WiX Toolset 3.x on the PATH
# (candle.exe, light.exe; jpackage 17 does not support WiX 4+).
# Usage (from the project folder, in PowerShell):
#   powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1
$ErrorActionPreference = 'Stop'
$here = Split-Path -Parent $MyInvocation.MyCommand.Path
$root = Split-Path -Parent $here
Set-Location $root

$conf = @{}
Get-Content "$here\app.properties" | Where-Object { $_ -match '^[a-z.]+=' } |
  ForEach-Object { $k, $v = $_ -split '=', 2; $conf[$k] = $v }
function Conf($key) { $conf[$key] }

# The jar must carry JavaFX's Windows natives.
mvn -B -DskipTests "-Djavafx.platform=win" package
if ($LASTEXITCODE -ne 0) { throw "maven build failed" }

$jdk = if ($env:JAVA_HOME) { $env:JAVA_HOME } else { Split-Path -Parent (Split-Path -Parent (Get-Command java).Source) }
$jar = "target\$(Conf 'main.jar')"
# The version comes from the jar itself, so the installer and "r4-rescue-cli --version" agree.
Add-Type -AssemblyName System.IO.Compression.FileSystem
$zip = [System.IO.Compression.ZipFile]::OpenRead((Resolve-Path $jar))
$reader = New-Object System.IO.StreamReader($zip.GetEntry('r4rescue/version.properties').Open())
$version = ((($reader.ReadToEnd() -split "`n") | Where-Object { $_ -like 'version=*' }) -replace 'version=', '').Trim()
$reader.Close(); $zip.Dispose()
$out = "target\packages"; $work = "$out\work"
if (Test-Path $work) { Remove-Item -Recurse -Force $work }
New-Item -ItemType Directory -Force "$work\input" | Out-Null
Copy-Item $jar "$work\input\"

& "$jdk\bin\jlink.exe" --add-modules (Conf 'modules') ((Conf 'jlink.options') -split ' ') --output "$work\runtime"
if ($LASTEXITCODE -ne 0) { throw "jlink failed" }

& "$jdk\bin\jpackage.exe" --type msi --dest $out `
  --name (Conf 'name') --app-version $version --vendor (Conf 'vendor') --copyright (Conf 'copyright') `
  --description (Conf 'description') --license-file "$here\LICENSE" `
  --input "$work\input" --main-jar (Conf 'main.jar') --main-class (Conf 'main.class') `
  --runtime-image "$work\runtime" --java-options (Conf 'java.options') `
  --icon "$root\assets\icons\r4-rescue.ico" `
  --add-launcher "r4-rescue-cli=$here\windows\cli-launcher.properties" `
  --win-menu --win-menu-group "R4 Rescue" --win-shortcut --win-dir-chooser `
  --win-upgrade-uuid 6f1d0c2e-6a57-4a0e-9d8e-2f4b5f0c4a71
if ($LASTEXITCODE -ne 0) { throw "jpackage failed" }
Get-ChildItem $out\*.msi
