"""Tests of the exporters on the stand-ins. Run from this folder with a Python that has
PyTorch, torchvision and NumPy: python3 -m unittest -v test_export
"""

import json
import os
import pickle
import tempfile
import types
import unittest

import numpy as np
import torch

import export_common as common
import export_regressor
import export_stylegan2
import export_vgg19_features
import standins
import walks_to_npy

# rosinality's checkpoints are read through "from model import Generator, Discriminator";
# this module plays model.py in a temporary repository folder.
ROSINALITY_MODEL_PY = "from standins import RosinalityDiscriminator as Discriminator\n" \
                      "from standins import RosinalityGenerator as Generator\n"


def traced(folder, name):
    return torch.jit.load(os.path.join(folder, name))


def read_card(folder):
    with open(os.path.join(folder, common.CARD_FILE), encoding="utf-8") as f:
        return json.load(f)


class RosinalityExportTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        torch.manual_seed(0)
        self.generator = standins.RosinalityGenerator(16, 16, 2, channel_multiplier=1).eval()
        self.discriminator = standins.RosinalityDiscriminator(16, channel_multiplier=1).eval()
        repo = os.path.join(self.dir, "repo")
        os.makedirs(repo)
        with open(os.path.join(repo, "model.py"), "w") as f:
            f.write(ROSINALITY_MODEL_PY)
        self.checkpoint = os.path.join(self.dir, "checkpoint.pt")
        torch.save({"g_ema": self.generator.state_dict(), "d": self.discriminator.state_dict(),
                    "args": types.SimpleNamespace(size=16)}, self.checkpoint)
        self.out = os.path.join(self.dir, "generator")
        self.d_out = os.path.join(self.dir, "discriminator")
        export_stylegan2.main([
            "--layout", "rosinality", "--checkpoint", self.checkpoint, "--repo", repo,
            "--size", "16", "--latent", "16", "--n-mlp", "2", "--channel-multiplier", "1",
            "--w-avg-samples", "256", "--out", self.out, "--discriminator-out", self.d_out])

    def test_mapping_matches_style_network(self):
        z = torch.randn(3, 16)
        with torch.no_grad():
            expected = self.generator.style(z)
            actual = traced(self.out, "mapping.pt")(z)
        self.assertLess((expected - actual).abs().max().item(), 1e-5)

    def test_synthesis_matches_generator_call(self):
        ws = torch.randn(4, self.generator.n_latent, 16)
        with torch.no_grad():
            expected, _ = self.generator([ws], input_is_latent=True, randomize_noise=False)
            actual = traced(self.out, "synthesis.pt")(ws)
        self.assertEqual(tuple(actual.shape), (4, 3, 16, 16))
        self.assertLess((expected - actual).abs().max().item(), 1e-5)

    def test_discriminator_returns_one_logit_per_image(self):
        images = torch.rand(5, 3, 16, 16) * 2 - 1
        with torch.no_grad():
            expected = self.discriminator(images).reshape(-1)
            actual = traced(self.d_out, "discriminator.pt")(images)
        self.assertEqual(tuple(actual.shape), (5,))
        self.assertLess((expected - actual).abs().max().item(), 1e-5)

    def test_card_describes_generator(self):
        card = read_card(self.out)
        self.assertEqual(card["role"], "generator")
        self.assertEqual(card["latentSize"], 16)
        self.assertEqual(card["numWs"], self.generator.n_latent)
        self.assertEqual(card["resolution"], 16)
        self.assertEqual(card["torchscript"], {"mapping": "mapping.pt",
                                               "synthesis": "synthesis.pt"})
        for name, digest in card["weights"]["files"].items():
            path = os.path.join(self.out, name)
            self.assertEqual(digest["sha256"], common.sha256_file(path), name)
            self.assertEqual(digest["bytes"], os.path.getsize(path), name)

    def test_w_avg_is_mean_of_mapping(self):
        w_avg = np.load(os.path.join(self.out, "w_avg.npy"))
        self.assertEqual(w_avg.shape, (16,))
        with torch.no_grad():
            sample = self.generator.style(torch.randn(4096, 16)).mean(0).numpy()
        self.assertLess(np.abs(w_avg - sample).max(), 0.1)


class NVlabsExportTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        torch.manual_seed(0)
        self.G = standins.NVlabsGenerator(16, 16, 16).eval()
        self.D = standins.NVlabsDiscriminator(16).eval()
        with torch.no_grad():
            self.G.mapping.w_avg.normal_()

    def export_pickle(self):
        path = os.path.join(self.dir, "network.pkl")
        with open(path, "wb") as f:
            pickle.dump({"G_ema": self.G, "D": self.D}, f)
        out = os.path.join(self.dir, "generator")
        d_out = os.path.join(self.dir, "discriminator")
        export_stylegan2.main(["--layout", "nvlabs", "--checkpoint", path, "--out", out,
                               "--discriminator-out", d_out])
        return out, d_out

    def test_mapping_returns_first_w_row(self):
        out, _ = self.export_pickle()
        z = torch.randn(3, 16)
        with torch.no_grad():
            expected = self.G.mapping(z, torch.zeros(3, 0))[:, 0]
            actual = traced(out, "mapping.pt")(z)
        self.assertLess((expected - actual).abs().max().item(), 1e-5)

    def test_synthesis_matches_const_noise_call(self):
        out, _ = self.export_pickle()
        ws = torch.randn(5, self.G.num_ws, 16)
        with torch.no_grad():
            expected = self.G.synthesis(ws, noise_mode="const")
            actual = traced(out, "synthesis.pt")(ws)
        self.assertLess((expected - actual).abs().max().item(), 1e-5)

    def test_w_avg_comes_from_mapping_buffer(self):
        out, _ = self.export_pickle()
        w_avg = np.load(os.path.join(out, "w_avg.npy"))
        np.testing.assert_allclose(w_avg, self.G.mapping.w_avg.numpy(), rtol=0, atol=0)

    def test_discriminator_flattens_logits(self):
        _, d_out = self.export_pickle()
        images = torch.rand(2, 3, 16, 16)
        with torch.no_grad():
            expected = self.D(images, torch.zeros(2, 0)).reshape(-1)
            actual = traced(d_out, "discriminator.pt")(images)
        self.assertLess((expected - actual).abs().max().item(), 1e-5)

    def test_fused_synthesis_fails_batch_check(self):
        # Tracing G.synthesis as it runs in eval mode bakes the batch size into the grouped
        # convolution; the check at another batch size must catch it.
        class Fused(torch.nn.Module):
            def __init__(self, synthesis):
                super().__init__()
                self.synthesis = synthesis

            def forward(self, ws):
                return self.synthesis(ws, noise_mode="const")

        with self.assertRaises(common.ExportError) as raised:
            common.trace(Fused(self.G.synthesis), lambda b: torch.randn(b, self.G.num_ws, 16))
        self.assertIn("batch size", str(raised.exception))

    def test_conditional_generator_is_rejected(self):
        G = standins.NVlabsGenerator(16, 16, 16, c_dim=10)
        args = types.SimpleNamespace(discriminator_out=None)
        with self.assertRaises(common.ExportError) as raised:
            export_stylegan2.nvlabs_networks(args, {"G_ema": G})
        self.assertIn("conditional", str(raised.exception))


class RegressorExportTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.names_file = os.path.join(self.dir, "names.txt")
        with open(self.names_file, "w") as f:
            f.write("A\nB\n")

    def test_traced_regressor_matches_eval_mode(self):
        torch.manual_seed(0)
        network = standins.tiny_mobilenet_v2(2)
        out = os.path.join(self.dir, "regressor")
        export_regressor.export(network, self.names_file, ["A", "B"], 16, out, "mobilenetv2")
        images = torch.randn(3, 3, 16, 16)
        with torch.no_grad():
            expected = network.eval()(images)
            actual = traced(out, "regressor.pt")(images)
        self.assertLess((expected - actual).abs().max().item(), 1e-5)
        card = read_card(out)
        self.assertEqual(card["attributesFile"], "names.txt")
        self.assertEqual(card["normalization"], "imagenet")

    def test_head_size_must_match_attributes(self):
        network = standins.tiny_mobilenet_v2(3)
        with self.assertRaises(common.ExportError) as raised:
            export_regressor.export(network, self.names_file, ["A", "B"], 16,
                                    os.path.join(self.dir, "r"), "mobilenetv2")
        self.assertIn("2 attribute names", str(raised.exception))

    def test_train_resolution_resizes_input(self):
        network = standins.tiny_mobilenet_v2(2)
        out = os.path.join(self.dir, "resized")
        export_regressor.export(network, self.names_file, ["A", "B"], 32, out, "mobilenetv2",
                                train_resolution=16)
        images = torch.randn(2, 3, 32, 32)
        small = torch.nn.functional.interpolate(images, size=(16, 16), mode="bilinear",
                                                align_corners=False)
        with torch.no_grad():
            expected = network.eval()(small)
            actual = traced(out, "regressor.pt")(images)
        self.assertLess((expected - actual).abs().max().item(), 1e-5)

    def test_torchvision_builders_take_head_size(self):
        for architecture in export_regressor.ARCHITECTURES:
            network = export_regressor.build(architecture, 5)
            with torch.no_grad():
                shape = network.eval()(torch.zeros(1, 3, 64, 64)).shape
            self.assertEqual(tuple(shape), (1, 5), architecture)


class VggFeaturesTest(unittest.TestCase):
    def test_returns_four_maps_after_relu(self):
        features = standins.tiny_vgg19_features()
        module = export_vgg19_features.VggFeatures(features)
        with torch.no_grad():
            maps = module(torch.randn(1, 3, 32, 32))
        self.assertEqual([tuple(m.shape) for m in maps],
                         [(1, 4, 32, 32), (1, 8, 16, 16), (1, 16, 8, 8), (1, 32, 4, 4)])
        for m in maps:
            self.assertGreaterEqual(m.min().item(), 0.0)

    def test_taps_match_torchvision_vgg19(self):
        import torchvision

        layers = torchvision.models.vgg19().features
        for index, _ in export_vgg19_features.FEATURE_LAYERS:
            self.assertIsInstance(layers[index], torch.nn.ReLU, index)
            self.assertIsInstance(layers[index - 1], torch.nn.Conv2d, index)


class AttributeNamesTest(unittest.TestCase):
    def write(self, text):
        path = os.path.join(tempfile.mkdtemp(), "names.txt")
        with open(path, "w") as f:
            f.write(text)
        return path

    def test_celeba_header_gives_second_line(self):
        path = self.write("2\nSmiling Male\n000001.jpg 1 -1\n000002.jpg -1 1\n")
        self.assertEqual(common.read_attribute_names(path), ["Smiling", "Male"])

    def test_names_are_trimmed(self):
        path = self.write(" Smiling \n\nMale\n")
        self.assertEqual(common.read_attribute_names(path), ["Smiling", "Male"])

    def test_name_with_space_is_rejected(self):
        path = self.write("1 Smiling\n")
        with self.assertRaises(common.ExportError):
            common.read_attribute_names(path)


class WalksToNpyTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.walks = torch.randn(2, 14, 8, dtype=torch.float64)

    def test_tensor_in_dict_is_written_as_float32(self):
        path = os.path.join(self.dir, "walks.pt")
        torch.save({"walks": self.walks, "step": 10}, path)
        out = os.path.join(self.dir, "walks.npy")
        walks_to_npy.convert(path, out)
        array = np.load(out)
        self.assertEqual(array.dtype, np.float32)
        np.testing.assert_allclose(array, self.walks.numpy(), rtol=1e-6)

    def test_ambiguous_dict_needs_key(self):
        path = os.path.join(self.dir, "two.pt")
        torch.save({"a": self.walks, "b": self.walks}, path)
        with self.assertRaises(common.ExportError) as raised:
            walks_to_npy.convert(path, os.path.join(self.dir, "x.npy"))
        self.assertIn("--key", str(raised.exception))
        walks_to_npy.convert(path, os.path.join(self.dir, "x.npy"), key="b")


if __name__ == "__main__":
    unittest.main()
