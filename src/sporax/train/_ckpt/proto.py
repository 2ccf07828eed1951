"""MindSpore's checkpoint protobuf schema, built at import time with the protobuf library
(no generated code):

    message Checkpoint { message Value { required string tag = 1; required TensorProto tensor = 2;
                                         optional MapTensorProto maptensor = 3; }
                         repeated Value value = 1; }
    message TensorProto { repeated int64 dims = 1; required string tensor_type = 2;
                          required bytes tensor_content = 3; }
    message MapTensorProto { repeated TensorProto tensor = 1; }
"""
from __future__ import annotations

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

_F = descriptor_pb2.FieldDescriptorProto


def _field(message, name, number, kind, label=_F.LABEL_OPTIONAL, type_name=None):
    field = message.field.add(name=name, number=number, type=kind, label=label)
    if type_name:
        field.type_name = type_name


def _build():
    file = descriptor_pb2.FileDescriptorProto(name="sporax_checkpoint.proto", package="sporax_ckpt", syntax="proto2")
    tensor = file.message_type.add(name="TensorProto")
    _field(tensor, "dims", 1, _F.TYPE_INT64, _F.LABEL_REPEATED)
    _field(tensor, "tensor_type", 2, _F.TYPE_STRING, _F.LABEL_REQUIRED)
    _field(tensor, "tensor_content", 3, _F.TYPE_BYTES, _F.LABEL_REQUIRED)
    map_tensor = file.message_type.add(name="MapTensorProto")
    _field(map_tensor, "tensor", 1, _F.TYPE_MESSAGE, _F.LABEL_REPEATED, ".sporax_ckpt.TensorProto")
    checkpoint = file.message_type.add(name="Checkpoint")
    value = checkpoint.nested_type.add(name="Value")
    _field(value, "tag", 1, _F.TYPE_STRING, _F.LABEL_REQUIRED)
    _field(value, "tensor", 2, _F.TYPE_MESSAGE, _F.LABEL_OPTIONAL, ".sporax_ckpt.TensorProto")
    _field(value, "maptensor", 3, _F.TYPE_MESSAGE, _F.LABEL_OPTIONAL, ".sporax_ckpt.MapTensorProto")
    _field(checkpoint, "value", 1, _F.TYPE_MESSAGE, _F.LABEL_REPEATED, ".sporax_ckpt.Checkpoint.Value")
    pool = descriptor_pool.DescriptorPool()
    pool.Add(file)
    return (message_factory.GetMessageClass(pool.FindMessageTypeByName("sporax_ckpt.Checkpoint")),
            message_factory.GetMessageClass(pool.FindMessageTypeByName("sporax_ckpt.TensorProto")))


Checkpoint, TensorProto = _build()
