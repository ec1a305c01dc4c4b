# Sourced by the benchmark scripts: installs what they need when it is missing.

_apt_updated=""
need_apt() {  # need_apt COMMAND_OR_PATH PACKAGE
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "installing $2 (apt-get)"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ -z "$_apt_updated" ]; then $sudo apt-get update -qq; _apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$2" >/dev/null
}

need_pip() {  # need_pip PYTHON_MODULE PIP_REQUIREMENT
  python3 -c "import $1" >/dev/null 2>&1 && return 0
  echo "installing $2 (pip)"
  python3 -m pip install -q "$2"
}
export PYTHONDONTWRITEBYTECODE=1
