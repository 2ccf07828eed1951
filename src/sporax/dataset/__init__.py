"""`sporax.dataset` (MindSpore: `mindspore.dataset`): data pipelines on Grain.

`import sporax.dataset as ds` ports `import mindspore.dataset as ds`. Sources yield rows
of NumPy arrays; operations (`map`, `batch`, `shuffle`, ...) build a tree that runs as a
Grain pipeline; iterators give `sporax.Tensor`s (or NumPy arrays with `output_numpy=True`).
"""
import sys as _sys

from .callback import DSCallback, WaitedDSCallback
from .core import config
from .engine.datasets import (BatchDataset, BatchInfo, ConcatDataset, Dataset, FilterDataset, MapDataset,
                              ProjectDataset, RenameDataset, RepeatDataset, ShuffleDataset, SkipDataset,
                              SourceDataset, TakeDataset, UnionBaseDataset, ZipDataset)
from .engine.schema import RandomDataset, Schema
from .engine.serializer import compare, deserialize, serialize, show
from .engine.zip_datasets import zip
from .engine.datasets_user_defined import GeneratorDataset, NumpySlicesDataset, PaddedDataset
from .engine.datasets_corpora import (AGNewsDataset, AmazonReviewDataset, CLUEDataset, CoNLL2000Dataset, DBpediaDataset,
                                      IWSLT2016Dataset, IWSLT2017Dataset, SQuADDataset,
                                      EnWik9Dataset, IMDBDataset, Multi30kDataset, PennTreebankDataset,
                                      SogouNewsDataset, SST2Dataset, UDPOSDataset, WikiTextDataset,
                                      YahooAnswersDataset, YelpReviewDataset)
from .engine.datasets_audio import (CMUArcticDataset, GTZANDataset, LibriTTSDataset, LJSpeechDataset,
                                    SpeechCommandsDataset, YesNoDataset)
from .engine.datasets_text import CSVDataset, TextFileDataset
from .engine.datasets_mindrecord import MindDataset
from .engine.datasets_vision import (Caltech256Dataset, Cifar10Dataset, Cifar100Dataset, EMnistDataset,
                                     FakeImageDataset, FashionMnistDataset, ImageFolderDataset, KMnistDataset,
                                     MnistDataset, QMnistDataset, SemeionDataset, STL10Dataset, SVHNDataset)
from .engine.datasets_vision_folders import (DIV2KDataset, FlickrDataset, Food101Dataset, LFWDataset, ManifestDataset,
                                             OmniglotDataset, PhotoTourDataset, Places365Dataset, RenderedSST2Dataset,
                                             SUN397Dataset, USPSDataset)
from .engine.datasets_standard_format import TFRecordDataset
from .engine.datasets_vision_annotated import (Caltech101Dataset, CelebADataset, CityscapesDataset, CocoDataset,
                                               Flowers102Dataset,
                                               KITTIDataset, SBDataset, VOCDataset)
from .engine.iterators import DictIterator, TupleIterator
from .engine.mappable import MappableDataset
from .engine.samplers import (BuiltinSampler, DistributedSampler, PKSampler, RandomSampler, Sampler,
                              SequentialSampler, Shuffle, SubsetRandomSampler, SubsetSampler, WeightedRandomSampler)

_sys.modules[__name__ + ".config"] = config

__all__ = ["AGNewsDataset", "AmazonReviewDataset", "CoNLL2000Dataset", "DBpediaDataset", "EnWik9Dataset",
           "IMDBDataset", "Multi30kDataset", "PennTreebankDataset", "SogouNewsDataset", "SST2Dataset", "UDPOSDataset",
           "WikiTextDataset", "YahooAnswersDataset", "YelpReviewDataset", "Caltech256Dataset", "QMnistDataset", "SemeionDataset", "STL10Dataset",
           "SVHNDataset", "RandomDataset", "Schema", "compare", "deserialize", "serialize", "show", "DSCallback", "GeneratorDataset", "NumpySlicesDataset", "PaddedDataset", "CSVDataset", "TextFileDataset", "MindDataset",
           "Cifar10Dataset", "Cifar100Dataset", "EMnistDataset", "FakeImageDataset", "FashionMnistDataset",
           "ImageFolderDataset", "KMnistDataset", "MnistDataset", "DistributedSampler", "PKSampler",
           "RandomSampler", "SequentialSampler", "SubsetRandomSampler", "SubsetSampler", "WeightedRandomSampler",
           "zip", "config", "CMUArcticDataset", "LibriTTSDataset", "LJSpeechDataset", "SpeechCommandsDataset", "YesNoDataset",
           "DIV2KDataset", "FlickrDataset", "Food101Dataset", "LFWDataset", "ManifestDataset", "OmniglotDataset",
           "Places365Dataset", "SUN397Dataset", "USPSDataset", "TFRecordDataset",
           "WaitedDSCallback", "GTZANDataset", "PhotoTourDataset", "RenderedSST2Dataset", "Caltech101Dataset", "CelebADataset", "CityscapesDataset", "CocoDataset", "Flowers102Dataset",
           "KITTIDataset", "SBDataset", "VOCDataset", "CLUEDataset", "IWSLT2016Dataset", "IWSLT2017Dataset", "SQuADDataset"]
