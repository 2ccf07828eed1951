"""MindRecord's exception classes (MindSpore: `mindspore.mindrecord.common.exceptions`).

Each class carries MindSpore's error number and base message; `str(error)` is
`[ClassName]: message`, as MindSpore prints it. `error_code` packs the number the way
MindSpore's GE error codes do: runtime (host = 1) << 30 | code type (error = 1) << 28 |
level (common = 0) << 25 | system id (42) << 17 | module (number // 100 + 1) << 12 | number.
"""

_CODE_BASE = (1 << 30) | (1 << 28) | (42 << 17)

EXCEPTIONS = {
    'UnknownError': [0, 'Unknown Error.'],
    'ParamTypeError': [1, 'Param type is error.'],
    'ParamValueError': [2, 'Param value is error.'],
    'ParamMissError': [3, 'Param missing.'],
    'PathNotExistsError': [4, 'Path does not exist.'],
    'DbConnectionError': [5, 'Db connection is error.'],
    'MRMOpenError': [100, 'MindRecord could not open.'],
    'MRMOpenForAppendError': [101, 'MindRecord could not open for append.'],
    'MRMInvalidPageSizeError': [102, 'Failed to set page size.'],
    'MRMInvalidHeaderSizeError': [103, 'Failed to set header size.'],
    'MRMSetHeaderError': [104, 'Failed to set header.'],
    'MRMWriteDatasetError': [105, 'Failed to write dataset.'],
    'MRMCommitError': [107, 'Failed to commit.'],
    'MRMLaunchError': [108, 'Failed to launch.'],
    'MRMFinishError': [109, 'Failed to finish.'],
    'MRMCloseError': [110, 'Failed to close.'],
    'MRMAddSchemaError': [111, 'Failed to add schema.'],
    'MRMAddIndexError': [112, 'Failed to add index field.'],
    'MRMBuildSchemaError': [113, 'Failed to build schema.'],
    'MRMGetMetaError': [114, 'Failed to get meta info.'],
    'MRMIndexGeneratorError': [115, 'Failed to create index generator.'],
    'MRMGenerateIndexError': [116, 'Failed to generate index.'],
    'MRMInitSegmentError': [117, 'Failed to initialize segment.'],
    'MRMFetchCandidateFieldsError': [118, 'Failed to fetch candidate category fields.'],
    'MRMReadCategoryInfoError': [119, 'Failed to read category information.'],
    'MRMFetchDataError': [120, 'Failed to fetch data by category.'],
    'MRMInvalidSchemaError': [200, 'Schema is error.'],
    'MRMValidateDataError': [201, 'Raw data is valid.'],
    'MRMDefineIndexError': [202, 'Index field is error.'],
    'MRMDefineBlobError': [203, 'Blob field is error.'],
    'MRMUnsupportedSchemaError': [204, 'Schema is not supported.'],
    'MRMDefineCategoryError': [205, 'Category field is error.'],
}


class MindRecordException(Exception):
    """Base class of MindRecord's errors."""

    def __init__(self):
        super().__init__()
        number, message = EXCEPTIONS.get(type(self).__name__, EXCEPTIONS['UnknownError'])
        self._error_msg = message
        self._error_code = MindRecordException.transform_error_code(number)

    def __str__(self):
        return "[{}]: {}".format(type(self).__name__, self._error_msg)

    @property
    def error_msg(self):
        return self._error_msg

    @error_msg.setter
    def error_msg(self, msg):
        self._error_msg = msg

    @property
    def error_code(self):
        return self._error_code

    @staticmethod
    def transform_error_code(exception_no):
        module = int(exception_no / 100) + 1
        return _CODE_BASE | ((0xFF & module) << 12) | (0x0FFF & exception_no)


def _with_detail(template):
    def __init__(self, detail):
        MindRecordException.__init__(self)
        self.error_msg = template.format(detail)
    return __init__


class UnknownError(MindRecordException):
    pass


class ParamValueError(MindRecordException):
    __init__ = _with_detail('Invalid parameter value. {}')


class ParamTypeError(MindRecordException):
    def __init__(self, param_name, expected_type):
        super().__init__()
        self.error_msg = "Invalid parameter type. '{}' expect {} type.".format(param_name, expected_type)


class ParamMissError(MindRecordException):
    __init__ = _with_detail("Param missing. '{}' is required.")


class PathNotExistsError(MindRecordException):
    __init__ = _with_detail('Invalid path. {}')


class DbConnectionError(MindRecordException):
    __init__ = _with_detail('Db connection is error. Detail: {}')


class MRMOpenError(MindRecordException):
    def __init__(self):
        super().__init__()
        self.error_msg = 'MindRecord File could not open successfully.'


class MRMOpenForAppendError(MindRecordException):
    def __init__(self):
        super().__init__()
        self.error_msg = 'MindRecord File could not open successfully for append.'


class MRMInvalidPageSizeError(MindRecordException):
    pass


class MRMInvalidHeaderSizeError(MindRecordException):
    pass


class MRMSetHeaderError(MindRecordException):
    pass


class MRMWriteDatasetError(MindRecordException):
    pass


class MRMCommitError(MindRecordException):
    pass


class MRMLaunchError(MindRecordException):
    pass


class MRMFinishError(MindRecordException):
    pass


class MRMCloseError(MindRecordException):
    pass


class MRMAddSchemaError(MindRecordException):
    pass


class MRMAddIndexError(MindRecordException):
    pass


class MRMBuildSchemaError(MindRecordException):
    pass


class MRMGetMetaError(MindRecordException):
    pass


class MRMIndexGeneratorError(MindRecordException):
    pass


class MRMGenerateIndexError(MindRecordException):
    pass


class MRMInitSegmentError(MindRecordException):
    pass


class MRMFetchCandidateFieldsError(MindRecordException):
    pass


class MRMReadCategoryInfoError(MindRecordException):
    pass


class MRMFetchDataError(MindRecordException):
    pass


class MRMInvalidSchemaError(MindRecordException):
    __init__ = _with_detail('Schema format is error. Detail: {}')


class MRMValidateDataError(MindRecordException):
    __init__ = _with_detail('Raw data do not match the schema. Detail: {}')


class MRMDefineIndexError(MindRecordException):
    __init__ = _with_detail('Failed to define index field. Detail: {}')


class MRMDefineBlobError(MindRecordException):
    __init__ = _with_detail('Failed to define blob field. Detail: {}')


class MRMUnsupportedSchemaError(MindRecordException):
    __init__ = _with_detail('Schema is not supported. Detail: {}')


class MRMDefineCategoryError(MindRecordException):
    __init__ = _with_detail('Failed to define category field. Detail: {}')
