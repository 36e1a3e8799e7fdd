"""The fake arduino-cli's `version`, `config dump`, `board list`, `core` and `lib` commands."""

from __future__ import annotations

import copy
import os

from fake_common import AVR_VERSIONS, KNOWN_LIBS, data_dir, installed, sample, save_installed


# ---------------------------------------------------------------- version, config
def cmd_version(cli, _args):
    name = "1.x-version.json" if cli.v1 else "0.35-version.json"
    data = sample(name)
    data["VersionString"] = cli.ctl["version"]
    if cli.json:
        cli.out(data)
    else:
        print(f"arduino-cli  Version: {data['VersionString']} Commit: {data['Commit']} "
              f"Date: {data['Date']}")


def cmd_config(cli, args):
    if args[:1] != ["dump"]:
        cli.fatal(f'Error: unknown command "{" ".join(args)}" for "arduino-cli config"')
    if cli.v1:
        cli.out({"config": {"directories": {"data": data_dir()}}})
    else:
        data = sample("0.35-config-dump.json")
        data["directories"]["data"] = data_dir()
        data["directories"]["downloads"] = data_dir() + "/staging"
        cli.out(data)


# ---------------------------------------------------------------- board list
def port_entries(cli):
    spec = cli.ctl["ports"]
    kinds = [k.strip() for k in spec.split(",") if k.strip() and k.strip() != "empty"]
    counters, entries = {"usb": 0, "acm": 0, "s": 0}, []
    for kind in kinds:
        kind, _, address = kind.partition("=")
        entries.append(port_entry(cli, kind, address, counters, len(entries)))
    return entries


def port_entry(cli, kind, address, counters, index):
    mixed = sample("1.x-board-list-mixed.json" if cli.v1 else "0.35-board-list-mixed.json")
    items = mixed["detected_ports"] if cli.v1 else mixed
    base = {"serial": 0, "ch340": 1, "cp210x": 1, "ftdi": 2, "uno": 3}.get(kind, 1)
    entry = copy.deepcopy(items[base])
    group = {"serial": "s", "uno": "acm"}.get(kind, "usb")
    prefix = {"s": "/dev/ttyS", "acm": "/dev/ttyACM", "usb": "/dev/ttyUSB"}[group]
    address = address or f"{prefix}{counters[group]}"
    counters[group] += 1
    port = entry["port"]
    port["address"] = port["label"] = address
    if kind == "cp210x":  # RECON: like the CH340 entry, with the CP2102's ids and serial
        port["properties"] = {"pid": "0xea60", "serialNumber": "0001", "vid": "0x10c4"}
        port["hardware_id"] = "0001"
    if "hardware_id" in port and index:
        port["hardware_id"] = port["properties"]["serialNumber"] = (
            port["hardware_id"][:-1] + str(index % 10))
    return entry


def cmd_board(cli, args):
    if args[:1] != ["list"]:
        cli.fatal(f'Error: unknown command "{" ".join(args)}" for "arduino-cli board"')
    entries = port_entries(cli)
    if cli.json:
        cli.out({"detected_ports": entries} if cli.v1 else entries)
    elif not entries:
        print("No boards found.")
    else:
        print("Port         Protocol Type              Board Name  FQBN            Core")
        for e in entries:
            board = (e.get("matching_boards") or [{}])[0]
            print(f"{e['port']['address']} serial   {e['port']['protocol_label']} "
                  f"{board.get('name', 'Unknown')} {board.get('fqbn', '')}")


# ---------------------------------------------------------------- core
def cmd_core(cli, args):
    state = installed(cli.ctl)
    sub = args[:1]
    if sub == ["list"]:
        return core_list(cli, state)
    if sub == ["update-index"]:
        return None
    if sub == ["install"] and len(args) > 1:
        return core_install(cli, state, args[1])
    cli.fatal(f'Error: unknown command "{" ".join(args)}" for "arduino-cli core"')


def core_list(cli, state):
    items = []
    for core_id, version in state["cores"].items():
        if cli.v1:
            item = copy.deepcopy(sample("1.x-core-list.json")["platforms"][0])
            release = item["releases"].pop("1.8.6")
            release["version"] = version
            item["releases"] = {version: release}
            item["id"], item["installed_version"], item["latest_version"] = core_id, version, "1.8.6"
        else:
            item = copy.deepcopy(sample("0.35-core-list.json")[0])
            item["id"], item["installed"] = core_id, version
        items.append(item)
    cli.out({"platforms": items} if cli.v1 else items)


def core_install(cli, state, ref):
    core_id, _, version = ref.partition("@")
    if core_id != "arduino:avr":
        cli.fatal(f"Invalid argument passed: Platform '{core_id}' not found", 7)
    if version and version not in AVR_VERSIONS:
        cli.fatal(f"Error during install: Platform '{ref}' not found: required version {version} "
                  f"not found for platform {core_id}")
    state["cores"][core_id] = version or AVR_VERSIONS[-1]
    save_installed(state)


# ---------------------------------------------------------------- lib
def cmd_lib(cli, args, opts):
    state = installed(cli.ctl)
    if args[:1] == ["list"]:
        return lib_list(cli, state)
    if args[:1] == ["update-index"]:
        return None
    if args[:1] == ["install"] and len(args) > 1:
        if opts.get("--zip-path"):
            return lib_install_zip(cli, state, args[1:])
        for ref in args[1:]:
            name, _, version = ref.partition("@")
            if name not in KNOWN_LIBS or (version and version != KNOWN_LIBS[name]):
                cli.fatal(f"Error installing {name}: Library '{name}@{version or 'latest'}' "
                          "not found")
            state["libraries"][name] = version or KNOWN_LIBS[name]
        return save_installed(state)
    cli.fatal(f'Error: unknown command "{" ".join(args)}" for "arduino-cli lib"')


def lib_install_zip(cli, state, zips):
    import zipfile

    if os.environ.get("ARDUINO_LIBRARY_ENABLE_UNSAFE_INSTALL", "").lower() != "true":
        cli.fatal("--git-url and --zip-path are disabled by default, for more information see: "
                  "https://arduino.github.io/arduino-cli/latest/configuration/#configuration-keys")
    for path in zips:
        try:
            with zipfile.ZipFile(path) as archive:
                props = next(n for n in archive.namelist() if n.endswith("library.properties"))
                text = archive.read(props).decode("utf-8", "replace")
        except (OSError, zipfile.BadZipFile, StopIteration):
            cli.fatal(f"Library install failed: archive is not valid: {path}")
        fields = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
        state["libraries"][fields.get("name", "?").strip()] = fields.get("version", "").strip()
    save_installed(state)


def lib_list(cli, state):
    items = []
    for name, version in state["libraries"].items():
        item = copy.deepcopy((sample("1.x-lib-list.json")["installed_libraries"] if cli.v1
                              else sample("0.35-lib-list.json"))[0])
        lib = item["library"]
        folder = f"/home/user/Arduino/libraries/{name}"
        lib.update(name=name, version=version, install_dir=folder, source_dir=folder + "/src",
                   examples=[], provides_includes=[name + ".h"])
        items.append(item)
    cli.out({"installed_libraries": items} if cli.v1 else items)


