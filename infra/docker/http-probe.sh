#!/usr/bin/env bash
# http-probe PATH [PORT]: succeeds when http://127.0.0.1:PORT/PATH answers 200. The health check
# of the images and of compose. The aspnet base image has neither curl nor wget, and installing
# one would add a package to every image for this alone; bash's /dev/tcp is enough for a GET.
set -euo pipefail

path=${1:-/health/live}
port=${2:-8080}

exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
read -r -t 5 _ status _ <&3
[ "$status" = 200 ]
