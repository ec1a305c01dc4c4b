#!/usr/bin/env python3
"""Writes the module for the pack benchmark: PAGES pages of plain text with a picture, a recording or a
video on every other page, and MEDIA_MB megabytes (MiB) of media in total.

    python3 generate_pack_module.py OUT --pages 2000 --media-mb 500 --seed 7

Media are random bytes (they stand for files that are compressed already, as JPEG, PNG, MP3 and MP4
are; the packer stores them). Videos weigh six times and recordings twice what pictures weigh. Every
video has an English WebVTT caption file (text, deflated). The module validates clean. Deterministic:
the same arguments give the same files. Does nothing when OUT already holds the same module.
"""
import argparse
import json
import os
import random
import shutil

WORDS = ("office appointment document residence permit registration address health insurance doctor "
         "pharmacy emergency number interpreter school children bank account transport ticket contract "
         "landlord deposit language course employer salary tax form deadline counter queue letter phone "
         "help advice rights duties family neighbour city town street house flat week month day").split()


def sentence(rng, words):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng):
    return " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(3, 5)))


def write_random(path, size, rng):
    with open(path, "wb") as out:
        left = size
        while left > 0:
            chunk = min(left, 8 << 20)
            out.write(rng.randbytes(chunk))
            left -= chunk


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--media-mb", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    stamp = json.dumps({"pages": args.pages, "media_mb": args.media_mb, "seed": args.seed, "format": 1})
    stamp_file = os.path.join(args.out, ".generated")
    if os.path.exists(stamp_file) and open(stamp_file).read() == stamp:
        print(f"{args.out}: already generated")
        return
    shutil.rmtree(args.out, ignore_errors=True)
    os.makedirs(os.path.join(args.out, "pages"))
    os.makedirs(os.path.join(args.out, "media"))
    rng = random.Random(args.seed)

    # One media file on every other page; kinds in turn: picture, recording, video.
    kinds = [("image", 1), ("audio", 2), ("video", 6)]
    media_pages = list(range(1, args.pages + 1, 2))
    assigned = {page: kinds[index % 3] for index, page in enumerate(media_pages)}
    total_weight = sum(weight for _, weight in assigned.values())
    unit = (args.media_mb << 20) / total_weight
    written = 0

    page_ids = []
    for number in range(1, args.pages + 1):
        page_id = f"p{number:04d}-topic"
        page_ids.append(page_id)
        title = sentence(rng, rng.randint(2, 5))[:-1]
        lines = ["---", f"title: {title}", f"description: {sentence(rng, 10)}", "---", "", f"# {title}", ""]
        lines += [paragraph(rng), "", f"## {sentence(rng, 3)[:-1]}", "", paragraph(rng), ""]
        lines += [f"- {sentence(rng, 5)}" for _ in range(3)] + [""]
        if number in assigned:
            kind, weight = assigned[number]
            size = max(1024, int(unit * weight * rng.uniform(0.5, 1.5)))
            if kind == "image":
                name = f"media/picture-{number:04d}.{'jpg' if number % 4 == 1 else 'png'}"
                lines += ["```image", f"src: {name}", f"alt: {sentence(rng, 8)}", "```", ""]
            elif kind == "audio":
                name = f"media/recording-{number:04d}.mp3"
                lines += ["```audio", f"src: {name}", f"transcript: {sentence(rng, 20)}", "```", ""]
            else:
                name = f"media/video-{number:04d}.mp4"
                captions = f"media/video-{number:04d}.en.vtt"
                with open(os.path.join(args.out, captions), "w") as vtt:
                    vtt.write("WEBVTT\n\n")
                    for cue in range(20):
                        vtt.write(f"00:00:{cue * 2:02d}.000 --> 00:00:{cue * 2 + 2:02d}.000\n{sentence(rng, 8)}\n\n")
                lines += ["```video", f"src: {name}", "captions:", "  - locale: en", f"    src: {captions}",
                          "    label: English", "```", ""]
            write_random(os.path.join(args.out, name), size, rng)
            written += size
        lines += [paragraph(rng), ""]
        with open(os.path.join(args.out, "pages", page_id + ".md"), "w") as page:
            page.write("\n".join(lines))

    manifest = ["id: pack-benchmark", "version: 1.0.0", "title: Pack benchmark module", "language: en",
                "audience: general", "pages:"] + [f"  - {page_id}" for page_id in page_ids] + \
               ["completion:", "  rule: pages-seen", ""]
    with open(os.path.join(args.out, "module.yaml"), "w") as out:
        out.write("\n".join(manifest))
    with open(stamp_file, "w") as out:
        out.write(stamp)
    print(f"{args.out}: {args.pages} pages, {len(assigned)} media files, {written / (1 << 20):.0f} MiB of media")


if __name__ == "__main__":
    main()
