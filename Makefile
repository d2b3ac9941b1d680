# The two commands of the README. Everything else is in infra/local.
.PHONY: up down test build format

up:
	@infra/local/platform.sh up

down:
	@infra/local/platform.sh down

test:
	@infra/local/test.sh

build:
	dotnet build Network.sln

format:
	dotnet format Network.sln
