"""Checkpoint file formats: MindSpore's protobuf `.ckpt` (plain, CRC, AES-GCM) and safetensors."""
