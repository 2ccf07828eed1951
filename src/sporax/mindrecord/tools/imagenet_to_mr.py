"""`ImageNetToMR`: an ImageNet-style folder (one folder per class, named in a map file) to MindRecord.

Schema `{"label": int32, "image": bytes, "file_name": string}` ("imagenet_schema"), indexed
by label and file name; it asks for 64 MB pages but writes in parallel mode, whose writers keep
the default sizes (16 MB header, 32 MB pages), so MindSpore's files have those; rows are the
`.JPEG`/`.jpg` files of each class folder in the order the map file lists the classes and
`os.listdir` lists the files (as MindSpore does), written 256 at a time.
"""
from __future__ import annotations

import logging
import os

from ..exceptions import PathNotExistsError
from ..filewriter import FileWriter, check_filename

logger = logging.getLogger("sporax.mindrecord")

_BATCH = 256


class ImageNetToMR:
    r"""Convert an ImageNet folder to MindRecord.

    Args:
        map_file (str): lines `<folder name> <label>`.
        image_dir (str): the folder holding the class folders.
        destination (str): MindRecord file to write (its folder must exist).
        partition_number (int): shard files. Default: 1.
    """

    def __init__(self, map_file, image_dir, destination, partition_number=1):
        check_filename(map_file)
        check_filename(image_dir)
        check_filename(destination)
        if partition_number is None or isinstance(partition_number, bool) or not isinstance(partition_number, int):
            raise ValueError("The parameter partition_number must be int")
        self.map_file, self.image_dir, self.destination = map_file, image_dir, destination
        self.partition_number = partition_number
        self.writer = FileWriter(self.destination, self.partition_number)

    def _rows(self):
        real_path = os.path.realpath(self.map_file)
        if not os.path.exists(real_path):
            raise IOError("map file {} not exists".format(self.map_file))
        labels = {}
        with open(real_path, "r") as handle:
            for line in handle:
                parts = line.split(" ")
                if len(parts) < 2:
                    raise ValueError(f"map file {self.map_file}: line {line!r} is not '<folder> <label>'.")
                labels[parts[1]] = parts[0]
        folders = {}
        for label, folder in labels.items():
            path = os.path.join(self.image_dir, folder)
            if not os.path.isdir(path):
                logger.warning("%s dir is not exist", path)
                continue
            folders[label] = path
        if not folders:
            raise PathNotExistsError("not valid image dir in {}".format(self.image_dir))
        for label, folder in folders.items():
            for item in os.listdir(folder):
                file_name = os.path.join(folder, item)
                if not item.endswith("JPEG") and not item.endswith("jpg"):
                    logger.warning("%s file is not suffix with JPEG/jpg, skip it.", file_name)
                    continue
                with open(os.path.realpath(file_name), "rb") as image:
                    data = image.read()
                if not data:
                    logger.warning("The image file: %s is invalid.", file_name)
                    continue
                yield {"file_name": str(file_name), "label": int(label), "image": data}

    def run(self):
        """Write the MindRecord files; returns 0 (MindSpore's SUCCESS)."""
        self.writer.set_header_size(1 << 24)
        self.writer.set_page_size(1 << 26)
        self.writer.add_schema({"label": {"type": "int32"}, "image": {"type": "bytes"},
                                "file_name": {"type": "string"}}, "imagenet_schema")
        self.writer.add_index(["label", "file_name"])
        batch = []
        for row in self._rows():
            batch.append(row)
            if len(batch) == _BATCH:
                self.writer.write_raw_data(batch, True)
                batch = []
        if batch:
            self.writer.write_raw_data(batch, True)
        self.writer.commit()
        return 0

    def transform(self):
        """Execute the conversion (errors propagate as raised)."""
        return self.run()
