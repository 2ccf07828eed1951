"""Small folders in the documented layouts of MindSpore's image datasets, written alike by
tests/data/make_vision_dataset_fixtures.py (for the oracle) and by the tests. Images are
PNGs (lossless, so decoded pixels are exact) or JPEGs, a few pixels each."""
import io
import json
import os

import numpy as np


def _image_bytes(seed, size=(4, 5), fmt="PNG", mode="RGB"):
    from PIL import Image
    rng = np.random.default_rng(seed)
    channels = {"RGB": 3, "L": 1}[mode]
    array = rng.integers(0, 256, (size[0], size[1], channels), dtype=np.uint8)
    image = Image.fromarray(array[:, :, 0] if mode == "L" else array, mode)
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


def write_image(path, seed, size=(4, 5), fmt="PNG", mode="RGB"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(_image_bytes(seed, size, fmt, mode))


def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def write_usps(root):
    write_text(os.path.join(root, "usps"), "".join(
        f"{label} " + " ".join(f"{i + 1}:{v:.6f}" for i, v in enumerate(np.linspace(-1, 1, 256) * sign)) + " \n"
        for label, sign in ((1, 1.0), (10, -1.0), (5, 0.5))))
    write_text(os.path.join(root, "usps.t"), "3 " + " ".join(f"{i + 1}:{-1 + (i % 7) / 3:.6f}" for i in range(256))
               + " \n")
    return root


def write_food101(root):
    for k, name in enumerate(["apple_pie/100", "apple_pie/101", "baby_back_ribs/200", "apple_pie/102"]):
        write_image(os.path.join(root, "images", name + ".jpg"), k, fmt="PNG")
    write_text(os.path.join(root, "meta", "train.txt"), "apple_pie/101\nbaby_back_ribs/200\n")
    write_text(os.path.join(root, "meta", "test.txt"), "apple_pie/100\napple_pie/102\n")
    return root


def write_sun397(root):
    write_text(os.path.join(root, "ClassName.txt"), "/a/abbey\n/b/balcony/exterior\n/a/airport_terminal\n")
    write_image(os.path.join(root, "a", "abbey", "sun_b.jpg"), 1)
    write_image(os.path.join(root, "a", "abbey", "sun_a.jpg"), 2)
    write_image(os.path.join(root, "b", "balcony", "exterior", "sun_c.jpg"), 3)
    write_image(os.path.join(root, "a", "airport_terminal", "sun_d.jpg"), 4)
    return root


def write_omniglot(root):
    for k, (part, alphabet, character, name) in enumerate([
            ("images_background", "Latin", "character01", "0101_01.png"),
            ("images_background", "Latin", "character02", "0102_01.png"),
            ("images_background", "Greek", "character01", "0201_01.png"),
            ("images_evaluation", "Kannada", "character01", "0301_01.png")]):
        write_image(os.path.join(root, part, alphabet, character, name), k, mode="L")
    return root


def write_manifest(root):
    write_image(os.path.join(root, "train", "1.png"), 1)
    write_image(os.path.join(root, "train", "2.png"), 2)
    write_image(os.path.join(root, "eval", "3.png"), 3)
    lines = [{"source": os.path.join(root, "train", "1.png"), "usage": "TRAIN",
              "annotation": [{"type": "modelarts/image_classification", "name": "dog"}]},
             {"source": os.path.join(root, "train", "2.png"), "usage": "TRAIN",
              "annotation": [{"type": "modelarts/image_classification", "name": "cat"}]},
             {"source": os.path.join(root, "eval", "3.png"), "usage": "EVAL",
              "annotation": [{"type": "modelarts/image_classification", "name": "dog"}]}]
    write_text(os.path.join(root, "manifest.json"), "".join(json.dumps(line) + "\n" for line in lines))
    return os.path.join(root, "manifest.json")


def write_places365(root):
    write_text(os.path.join(root, "categories_places365.txt"), "/a/airfield 0\n/b/bakery/shop 1\n")
    write_text(os.path.join(root, "places365_train_standard.txt"), "/a/airfield/00000001.jpg 0\n"
                                                                  "/b/bakery/shop/00000002.jpg 1\n")
    write_text(os.path.join(root, "places365_val.txt"), "Places365_val_00000001.jpg 1\n")
    write_image(os.path.join(root, "data_256_standard", "a", "airfield", "00000001.jpg"), 1)
    write_image(os.path.join(root, "data_256_standard", "b", "bakery", "shop", "00000002.jpg"), 2)
    write_image(os.path.join(root, "val_256", "Places365_val_00000001.jpg"), 3)
    return root


def write_lfw(root):
    for k, (person, number) in enumerate([("Aaron_Eckhart", 1), ("Abel_Pacheco", 1), ("Abel_Pacheco", 2)]):
        write_image(os.path.join(root, "lfw_funneled", person, f"{person}_{number:04d}.jpg"), k)
    write_text(os.path.join(root, "lfw-names.txt"), "Aaron_Eckhart\t1\nAbel_Pacheco\t2\n")
    write_text(os.path.join(root, "peopleDevTrain.txt"), "1\nAbel_Pacheco\t2\n")
    write_text(os.path.join(root, "peopleDevTest.txt"), "1\nAaron_Eckhart\t1\n")
    write_text(os.path.join(root, "pairsDevTrain.txt"), "1\nAbel_Pacheco\t1\t2\nAaron_Eckhart\t1\tAbel_Pacheco\t1\n")
    write_text(os.path.join(root, "pairsDevTest.txt"), "1\nAbel_Pacheco\t2\t1\nAbel_Pacheco\t2\tAaron_Eckhart\t1\n")
    return root


def write_flickr(root):
    write_image(os.path.join(root, "images", "1000_a.jpg"), 1)
    write_image(os.path.join(root, "images", "1001_b.jpg"), 2)
    write_text(os.path.join(root, "token.txt"), "".join(
        f"{name}#{i}\t{name[:4]} caption {i}\n" for name in ("1000_a.jpg", "1001_b.jpg") for i in range(5)))
    return os.path.join(root, "images"), os.path.join(root, "token.txt")


def write_div2k(root):
    for k, name in enumerate(["0001", "0002"]):
        write_image(os.path.join(root, "DIV2K_train_HR", f"{name}.png"), k, size=(8, 6))
        write_image(os.path.join(root, "DIV2K_train_LR_bicubic", "X2", f"{name}x2.png"), 10 + k, size=(4, 3))
    write_image(os.path.join(root, "DIV2K_valid_HR", "0801.png"), 5, size=(8, 6))
    write_image(os.path.join(root, "DIV2K_valid_LR_bicubic", "X2", "0801x2.png"), 6, size=(4, 3))
    return root


WRITERS = {"USPSDataset": write_usps, "Food101Dataset": write_food101, "SUN397Dataset": write_sun397,
           "OmniglotDataset": write_omniglot, "ManifestDataset": write_manifest, "Places365Dataset": write_places365,
           "LFWDataset": write_lfw, "FlickrDataset": write_flickr, "DIV2KDataset": write_div2k,
           "CelebADataset": lambda root: write_celeba(root), "KITTIDataset": lambda root: write_kitti(root),
           "WIDERFaceDataset": lambda root: write_wider_face(root), "VOCDataset": lambda root: write_voc(root),
           "CocoDataset": lambda root: write_coco(root), "Flowers102Dataset": lambda root: write_flowers102(root),
           "Caltech101Dataset": lambda root: write_caltech101(root),
           "CocoCaptioning": lambda root: write_coco(root, "Captioning"),
           "CocoKeypoint": lambda root: write_coco(root, "Keypoint"),
           "CocoStuff": lambda root: write_coco(root, "Stuff"), "CocoPanoptic": lambda root: write_coco(root, "Panoptic"),
           "SBDataset": lambda root: write_sbd(root), "SBUDataset": lambda root: write_sbu(root),
           "CityscapesDataset": lambda root: write_cityscapes(root),
           "PhotoTourDataset": lambda root: (write_photo_tour(root), "liberty"),
           "RenderedSST2Dataset": lambda root: write_rendered_sst2(root)}

# (dataset, keyword arguments): each read with shuffle=False, by MindSpore for the fixture and by sporax in the test.
CASES = [("USPSDataset", {}), ("USPSDataset", {"usage": "test"}),
         ("Food101Dataset", {}), ("Food101Dataset", {"usage": "train"}), ("Food101Dataset", {"decode": True}),
         ("SUN397Dataset", {}), ("OmniglotDataset", {}), ("OmniglotDataset", {"background": False}),
         ("OmniglotDataset", {"decode": True}),
         ("ManifestDataset", {}), ("ManifestDataset", {"usage": "eval"}),
         ("Places365Dataset", {"usage": "train-standard"}), ("Places365Dataset", {"usage": "val"}),
         ("LFWDataset", {}), ("LFWDataset", {"usage": "test"}), ("LFWDataset", {"task": "pairs"}),
         ("LFWDataset", {"task": "pairs", "usage": "test", "decode": True}),
         ("FlickrDataset", {}), ("DIV2KDataset", {}), ("DIV2KDataset", {"usage": "all", "decode": True}),
         ("CelebADataset", {}), ("CelebADataset", {"usage": "valid", "decode": True}),
         ("KITTIDataset", {}), ("KITTIDataset", {"usage": "test"}),
         ("VOCDataset", {"task": "Detection"}), ("VOCDataset", {"task": "Segmentation"}),
         ("CocoDataset", {}), ("CocoCaptioning", {"task": "Captioning"}), ("CocoKeypoint", {"task": "Keypoint"}),
         ("CocoStuff", {"task": "Stuff"}), ("CocoPanoptic", {"task": "Panoptic"}),
         ("Flowers102Dataset", {}), ("Flowers102Dataset", {"usage": "train", "task": "Segmentation"}),
         ("Caltech101Dataset", {}), ("Caltech101Dataset", {"target_type": "all", "decode": True}),
         ("SBDataset", {}), ("SBDataset", {"task": "Segmentation", "usage": "val"}),
         ("CityscapesDataset", {}), ("CityscapesDataset", {"task": "polygon"}),
         ("CityscapesDataset", {"usage": "all", "task": "semantic"}),
         ("CityscapesDataset", {"usage": "val", "task": "color", "decode": True}),
         ("PhotoTourDataset", {}), ("PhotoTourDataset", {"usage": "test"}),
         ("RenderedSST2Dataset", {}), ("RenderedSST2Dataset", {"usage": "val", "decode": True})]


def case_key(name, kwargs):
    return name + "(" + ",".join(f"{k}={v}" for k, v in sorted(kwargs.items())) + ")"


def build(module, root, name, kwargs):
    """The dataset `name` of `module` (mindspore.dataset or sporax.dataset) over the folder at `root`."""
    written = WRITERS[name](root)
    arguments = written if isinstance(written, tuple) else (written,)
    return getattr(module, "CocoDataset" if name.startswith("Coco") else name)(*arguments, shuffle=False, **kwargs)


# ----------------------------------------------------------------------------- annotated image datasets

def write_celeba(root):
    names = ["000001.jpg", "000002.jpg", "000003.jpg"]
    for k, name in enumerate(names):
        write_image(os.path.join(root, name), 20 + k)
    write_text(os.path.join(root, "list_attr_celeba.txt"),
               "3\n5_o_Clock_Shadow Arched_Eyebrows Attractive\n"
               "000001.jpg -1  1  1\n000002.jpg  1 -1 -1\n000003.jpg -1 -1  1\n")
    write_text(os.path.join(root, "list_eval_partition.txt"), "000001.jpg 0\n000002.jpg 1\n000003.jpg 2\n")
    return root


def write_kitti(root):
    for k, name in enumerate(["000000", "000001"]):
        write_image(os.path.join(root, "data_object_image_2", "training", "image_2", f"{name}.png"), 30 + k)
    write_text(os.path.join(root, "data_object_label_2", "training", "label_2", "000000.txt"),
               "Pedestrian 0.00 0 -0.20 712.40 143.00 810.73 307.92 1.89 0.48 1.20 1.84 1.47 8.41 0.01\n")
    write_text(os.path.join(root, "data_object_label_2", "training", "label_2", "000001.txt"),
               "Car 0.88 3 -0.69 0.00 192.37 402.31 374.00 1.60 1.57 3.23 -2.70 1.74 3.68 -1.29\n"
               "DontCare -1 -1 -10 800.38 163.67 825.45 184.07 -1 -1 -1 -1000 -1000 -1000 -10\n")
    write_image(os.path.join(root, "data_object_image_2", "testing", "image_2", "000000.png"), 39)
    return root


def write_wider_face(root):
    write_image(os.path.join(root, "WIDER_train", "images", "0--Parade", "0_Parade_a.jpg"), 40)
    write_image(os.path.join(root, "WIDER_train", "images", "1--Handshaking", "1_Hand_b.jpg"), 41)
    write_image(os.path.join(root, "WIDER_val", "images", "0--Parade", "0_Parade_c.jpg"), 42)
    write_image(os.path.join(root, "WIDER_test", "images", "0--Parade", "0_Parade_d.jpg"), 43)
    write_text(os.path.join(root, "wider_face_split", "wider_face_train_bbx_gt.txt"),
               "0--Parade/0_Parade_a.jpg\n2\n449 330 122 149 0 0 0 0 0 0\n1 2 3 4 2 1 0 1 0 1\n"
               "1--Handshaking/1_Hand_b.jpg\n1\n10 20 30 40 1 0 1 0 1 0\n")
    write_text(os.path.join(root, "wider_face_split", "wider_face_val_bbx_gt.txt"),
               "0--Parade/0_Parade_c.jpg\n1\n5 6 7 8 0 1 2 3 0 0\n")
    write_text(os.path.join(root, "wider_face_split", "wider_face_test_filelist.txt"), "0--Parade/0_Parade_d.jpg\n")
    return root


def _voc_object(name, box, difficult=0, truncated=0):
    return (f"<object><name>{name}</name><pose>Left</pose><truncated>{truncated}</truncated>"
            f"<difficult>{difficult}</difficult><bndbox><xmin>{box[0]}</xmin><ymin>{box[1]}</ymin>"
            f"<xmax>{box[2]}</xmax><ymax>{box[3]}</ymax></bndbox></object>")


def write_voc(root):
    for k, name in enumerate(["2007_000032", "2007_000033"]):
        write_image(os.path.join(root, "JPEGImages", f"{name}.jpg"), 50 + k)
        write_image(os.path.join(root, "SegmentationClass", f"{name}.png"), 60 + k)
    write_text(os.path.join(root, "Annotations", "2007_000032.xml"),
               "<annotation><filename>2007_000032.jpg</filename><size><width>5</width><height>4</height>"
               "<depth>3</depth></size>" + _voc_object("aeroplane", (1, 2, 4, 3)) +
               _voc_object("person", (1, 1, 3, 3), difficult=1, truncated=1) + "</annotation>")
    write_text(os.path.join(root, "Annotations", "2007_000033.xml"),
               "<annotation><filename>2007_000033.jpg</filename><size><width>5</width><height>4</height>"
               "<depth>3</depth></size>" + _voc_object("person", (2, 1, 5, 4)) + "</annotation>")
    write_text(os.path.join(root, "ImageSets", "Main", "train.txt"), "2007_000032\n2007_000033\n")
    write_text(os.path.join(root, "ImageSets", "Segmentation", "train.txt"), "2007_000033\n2007_000032\n")
    return root


def write_coco(root, task="Detection"):
    for k, name in enumerate(["000000000009.jpg", "000000000025.jpg"]):
        write_image(os.path.join(root, "images", name), 70 + k)
    images = [{"id": 9, "file_name": "000000000009.jpg", "height": 4, "width": 5},
              {"id": 25, "file_name": "000000000025.jpg", "height": 4, "width": 5}]
    categories = [{"id": 1, "name": "person", "supercategory": "person", "isthing": 1},
                  {"id": 18, "name": "dog", "supercategory": "animal", "isthing": 0}]
    annotations = {
        "Detection": [{"id": 1, "image_id": 9, "category_id": 18, "iscrowd": 0, "bbox": [1.5, 2.0, 3.25, 1.0],
                       "area": 3.25, "segmentation": [[1, 2, 3, 4, 5, 6]]},
                      {"id": 2, "image_id": 9, "category_id": 1, "iscrowd": 1, "bbox": [0, 0, 2, 2], "area": 4,
                       "segmentation": [[0, 0, 2, 0, 2, 2]]},
                      {"id": 3, "image_id": 25, "category_id": 1, "iscrowd": 0, "bbox": [1, 1, 1, 1], "area": 1,
                       "segmentation": [[1, 1, 2, 1, 2, 2, 1, 2]]}],
        "Captioning": [{"id": 1, "image_id": 9, "caption": "a dog"}, {"id": 2, "image_id": 9, "caption": "a pet"},
                       {"id": 3, "image_id": 25, "caption": "people"}],
        "Keypoint": [{"id": 1, "image_id": 9, "category_id": 1, "iscrowd": 0, "num_keypoints": 2,
                      "keypoints": [1, 2, 2, 3, 4, 1] + [0] * 45, "bbox": [0, 0, 4, 4], "area": 16},
                     {"id": 2, "image_id": 25, "category_id": 1, "iscrowd": 0, "num_keypoints": 1,
                      "keypoints": [2, 2, 2] + [0] * 48, "bbox": [0, 0, 4, 4], "area": 16}],
        "Stuff": [{"id": 1, "image_id": 9, "category_id": 18, "iscrowd": 0, "segmentation": [[1, 2, 3, 4, 5, 6]],
                   "bbox": [0, 0, 1, 1], "area": 1},
                  {"id": 2, "image_id": 9, "category_id": 1, "iscrowd": 0,
                   "segmentation": [[0, 0, 2, 0, 2, 2, 0, 2], [1, 1, 2, 2]], "bbox": [0, 0, 1, 1], "area": 1},
                  {"id": 3, "image_id": 25, "category_id": 1, "iscrowd": 0, "segmentation": [[1, 1, 2, 1, 2, 2]],
                   "bbox": [0, 0, 1, 1], "area": 1}],
        "Panoptic": [{"image_id": 9, "file_name": "000000000009.png", "segments_info": [
                         {"id": 5, "category_id": 18, "iscrowd": 0, "bbox": [1, 2, 3, 4], "area": 12},
                         {"id": 6, "category_id": 1, "iscrowd": 1, "bbox": [0, 0, 2, 2], "area": 4}]},
                     {"image_id": 25, "file_name": "000000000025.png", "segments_info": [
                         {"id": 7, "category_id": 1, "iscrowd": 0, "bbox": [1, 1, 1, 1], "area": 1}]}],
    }[task]
    path = os.path.join(root, "annotations.json")
    write_text(path, json.dumps({"images": images, "annotations": annotations, "categories": categories}))
    return os.path.join(root, "images"), path


def write_flowers102(root):
    from scipy.io import savemat
    for k in range(1, 5):
        write_image(os.path.join(root, "jpg", f"image_{k:05d}.jpg"), 80 + k)
    savemat(os.path.join(root, "imagelabels.mat"), {"labels": np.array([[3, 1, 102, 3]], np.uint8)})
    savemat(os.path.join(root, "setid.mat"), {"trnid": np.array([[2, 4]], np.uint16),
                                              "valid": np.array([[1]], np.uint16),
                                              "tstid": np.array([[3]], np.uint16)})
    for k in range(1, 5):
        write_image(os.path.join(root, "segmim", f"segmim_{k:05d}.jpg"), 90 + k)
    return root


def write_caltech101(root):
    from scipy.io import savemat
    for k, (category, number) in enumerate([("Faces_easy", 1), ("Faces_easy", 2), ("accordion", 1),
                                            ("BACKGROUND_Google", 1)]):
        write_image(os.path.join(root, "101_ObjectCategories", category, f"image_{number:04d}.jpg"), 100 + k)
    for category, number in [("Faces_3", 1), ("Faces_3", 2), ("accordion", 1)]:
        path = os.path.join(root, "Annotations", category, f"annotation_{number:04d}.mat")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        savemat(path, {"box_coord": np.array([[1, 2, 3, 4]], np.int16) * number,
                       "obj_contour": np.array([[1.5, 2.5, 3.5], [4.0, 5.0, 6.0 + number]])})
    return root


def write_sbd(root):
    from scipy import sparse
    from scipy.io import savemat
    rng = np.random.default_rng(5)
    names = ["2008_000002", "2008_000003", "2008_000007"]
    for k, name in enumerate(names):
        write_image(os.path.join(root, "img", f"{name}.jpg"), 110 + k, size=(3, 4))
        boundaries = np.empty((20, 1), dtype=object)
        for c in range(20):
            boundaries[c, 0] = sparse.csc_matrix((rng.random((3, 4)) > 0.7).astype(np.uint8))
        segmentation = rng.integers(0, 21, (3, 4)).astype(np.uint8)
        path = os.path.join(root, "cls", f"{name}.mat")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        savemat(path, {"GTcls": {"Boundaries": boundaries, "Segmentation": segmentation,
                                 "CategoriesPresent": np.array([[1]], np.uint8)}})
    write_text(os.path.join(root, "train.txt"), "2008_000002\n2008_000007\n")
    write_text(os.path.join(root, "val.txt"), "2008_000003\n")
    return root


def write_sbu(root):
    write_image(os.path.join(root, "sbu_images", "m_1_a.jpg"), 120, fmt="JPEG")
    write_image(os.path.join(root, "sbu_images", "m_2_b.jpg"), 121, fmt="JPEG")
    write_text(os.path.join(root, "SBU_captioned_photo_dataset_urls.txt"),
               "http://static.flickr.com/1/m_1_a.jpg\nhttp://static.flickr.com/2/m_3_c.jpg\n"
               "http://static.flickr.com/2/m_2_b.jpg\n")
    write_text(os.path.join(root, "SBU_captioned_photo_dataset_captions.txt"),
               "a man on a horse\nmissing image caption\n  two dogs in the snow \n")
    return root


def write_cityscapes(root):
    for k, (split, city, frame) in enumerate([("train", "aachen", "000000_000019"), ("train", "aachen", "000001_000019"),
                                              ("train", "bochum", "000000_000313"), ("val", "lindau", "000000_000019"),
                                              ("test", "berlin", "000000_000019")]):
        stem = f"{city}_{frame}"
        write_image(os.path.join(root, "leftImg8bit", split, city, f"{stem}_leftImg8bit.png"), 130 + k)
        for j, kind in enumerate(("color", "instanceIds", "labelIds")):
            write_image(os.path.join(root, "gtFine", split, city, f"{stem}_gtFine_{kind}.png"), 140 + 4 * k + j)
        write_text(os.path.join(root, "gtFine", split, city, f"{stem}_gtFine_polygons.json"),
                   json.dumps({"imgHeight": 4, "imgWidth": 5, "objects": [{"label": "road", "polygon": [[0, k]]}]}))
    return root


def write_photo_tour(root, name="liberty"):
    from PIL import Image
    rng = np.random.default_rng(7)
    folder = os.path.join(root, name)
    os.makedirs(folder, exist_ok=True)
    Image.fromarray(rng.integers(0, 256, (1024, 1024), dtype=np.uint8), "L").save(
        os.path.join(folder, "patches0000.bmp"))
    write_text(os.path.join(folder, "info.txt"), "".join(f"{k // 2} 0\n" for k in range(5)))
    write_text(os.path.join(folder, "m50_100000_100000_0.txt"), "0 0 0 1 0 0 0\n2 1 0 4 2 0 0\n3 1 0 1 0 0 0\n")
    return root


def write_rendered_sst2(root):
    for k, (usage, label, name) in enumerate([("train", "negative", "0001.png"), ("train", "positive", "0002.png"),
                                              ("train", "positive", "0001.png"), ("test", "negative", "0003.png"),
                                              ("valid", "positive", "0004.png"), ("valid", "negative", "0005.png")]):
        write_image(os.path.join(root, usage, label, name), 150 + k)
    return root
