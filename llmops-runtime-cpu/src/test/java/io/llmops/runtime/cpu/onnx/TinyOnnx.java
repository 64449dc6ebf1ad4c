package io.llmops.runtime.cpu.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes tiny ONNX models by hand, in the protobuf wire format of {@code onnx.proto} (field numbers cited below), so
 * that tests have encoders whose output is known exactly: an embedding table looked up with {@code Gather}, whose mean
 * over the real tokens is hand-computable.
 */
final class TinyOnnx {
  /** onnx.proto TensorProto.DataType. */
  static final int FLOAT = 1;
  static final int INT32 = 6;
  static final int INT64 = 7;

  private final Message graph = new Message();

  /** Adds a graph input of the given element type and shape {@code [batch, seq]} (GraphProto.input = 11). */
  TinyOnnx input(String name, int elemType) {
    graph.message(11, valueInfo(name, elemType, "batch", "seq"));
    return this;
  }

  /** Adds a graph output (GraphProto.output = 12); each dim is a symbolic name or a number. */
  TinyOnnx output(String name, Object... dims) {
    graph.message(12, valueInfo(name, FLOAT, dims));
    return this;
  }

  /** Adds a float initializer from a row-major array (GraphProto.initializer = 5, TensorProto raw_data = 9). */
  TinyOnnx initializer(String name, float[] values, long... dims) {
    Message tensor = new Message();
    for (long d : dims) {
      tensor.varint(1, d);
    }
    tensor.varint(2, FLOAT);
    tensor.string(8, name);
    ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(values);
    tensor.bytes(9, raw.array());
    graph.message(5, tensor);
    return this;
  }

  /** Adds a node (GraphProto.node = 1; NodeProto input 1, output 2, op_type 4, attribute 5). */
  TinyOnnx node(String opType, String[] inputs, String output, Message... attributes) {
    Message node = new Message();
    for (String in : inputs) {
      node.string(1, in);
    }
    node.string(2, output);
    node.string(4, opType);
    for (Message attribute : attributes) {
      node.message(5, attribute);
    }
    graph.message(1, node);
    return this;
  }

  /** An integer-list attribute (AttributeProto name 1, ints 8, type 20 = INTS 7). */
  static Message ints(String name, long... values) {
    Message attribute = new Message().string(1, name);
    for (long v : values) {
      attribute.varint(8, v);
    }
    return attribute.varint(20, 7);
  }

  /** An integer attribute (AttributeProto name 1, i 3, type 20 = INT 2). */
  static Message integer(String name, long value) {
    return new Message().string(1, name).varint(3, value).varint(20, 2);
  }

  /** Returns the ModelProto bytes: ir_version 1 = 8, opset_import 8 = {"" : 13}, graph 7. */
  byte[] toBytes() {
    graph.string(2, "tiny");
    Message model = new Message().varint(1, 8);
    model.message(8, new Message().string(1, "").varint(2, 13));
    model.message(7, graph);
    return model.out.toByteArray();
  }

  private static Message valueInfo(String name, int elemType, Object... dims) {
    // ValueInfoProto name 1, type 2; TypeProto tensor_type 1; Tensor elem_type 1, shape 2; TensorShapeProto dim 1;
    // Dimension dim_value 1 | dim_param 2.
    Message shape = new Message();
    for (Object d : dims) {
      Message dim = new Message();
      if (d instanceof Number) {
        dim.varint(1, ((Number) d).longValue());
      } else {
        dim.string(2, (String) d);
      }
      shape.message(1, dim);
    }
    Message tensorType = new Message().varint(1, elemType).message(2, shape);
    return new Message().string(1, name).message(2, new Message().message(1, tensorType));
  }

  /** A protobuf message being written: varint (wire type 0) and length-delimited (wire type 2) fields. */
  static final class Message {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Message varint(int field, long value) {
      raw((long) field << 3);
      raw(value);
      return this;
    }

    Message bytes(int field, byte[] value) {
      raw((long) field << 3 | 2);
      raw(value.length);
      out.writeBytes(value);
      return this;
    }

    Message string(int field, String value) {
      return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    Message message(int field, Message value) {
      return bytes(field, value.out.toByteArray());
    }

    private void raw(long v) {
      while ((v & ~0x7FL) != 0) {
        out.write((int) (v & 0x7F) | 0x80);
        v >>>= 7;
      }
      out.write((int) v);
    }
  }
}
