"""Exports a tiny DCGAN to ``base`` again and again; the third export stops inside.

Params: ``base``. Prints ``inside export 3`` (flushed) once the third export's SavedModel
is written to its temporary folder, then blocks there until the test kills it.
"""

import json
import sys
import threading

import numpy as np

import keras_gans
from keras_gans.export import saved_model

base = json.loads(sys.argv[1])["base"]
gan = keras_gans.models.DCGAN(
    image_shape=(16, 16, 1), latent_dim=4, generator_filters=4, discriminator_filters=4, seed=1
)
gan.compile()
gan.fit(np.zeros((8, 16, 16, 1), "float32"), batch_size=8, epochs=1, verbose=0)
write_warmup = saved_model.write_warmup_requests
exports = 0


def warmup_then_block_on_the_third(path, model_name, signatures):
    write_warmup(path, model_name, signatures)
    if exports == 3:
        print("inside export 3", flush=True)
        threading.Event().wait()  # the test's SIGKILL ends the process here


saved_model.write_warmup_requests = warmup_then_block_on_the_third
while True:
    exports += 1
    keras_gans.export.save_generator(gan, base, warmup=True)
