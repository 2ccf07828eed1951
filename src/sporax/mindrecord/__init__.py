"""`sporax.mindrecord` (MindSpore: `mindspore.mindrecord`): MindSpore's MindRecord file format.

Files written here are read by MindSpore 2.10 and files MindSpore 2.10 writes are read
here: the same header JSON, pages, MessagePack raw records, blob records and SQLite index
(`_format`, `_index_db`). `FileWriter` writes, `FileReader` reads rows, `MindPage` pages
through rows by an index field; `sporax.dataset.MindDataset` feeds them to a pipeline.
"""
from .exceptions import (DbConnectionError, MindRecordException, MRMAddIndexError, MRMAddSchemaError,
                         MRMBuildSchemaError, MRMCloseError, MRMCommitError, MRMDefineBlobError,
                         MRMDefineCategoryError, MRMDefineIndexError, MRMFetchCandidateFieldsError, MRMFetchDataError,
                         MRMFinishError, MRMGenerateIndexError, MRMGetMetaError, MRMIndexGeneratorError,
                         MRMInitSegmentError, MRMInvalidHeaderSizeError, MRMInvalidPageSizeError,
                         MRMInvalidSchemaError, MRMLaunchError, MRMOpenError, MRMOpenForAppendError,
                         MRMReadCategoryInfoError, MRMSetHeaderError, MRMUnsupportedSchemaError,
                         MRMValidateDataError, MRMWriteDatasetError, ParamMissError, ParamTypeError, ParamValueError,
                         PathNotExistsError, UnknownError)
from .config import set_dec_mode, set_enc_key, set_enc_mode
from .filereader import FileReader
from .filewriter import FileWriter
from .mindpage import MindPage
from .tools import ImageNetToMR

SUCCESS = 0
FAILED = 1

__all__ = ["FileWriter", "FileReader", "MindPage", "ImageNetToMR", 'set_enc_key', 'set_enc_mode', 'set_dec_mode', 'SUCCESS', 'FAILED']
