//! Every text of the page, English beside German. `{name}` marks a value filled in by
//! [`super::fill`]; the German is written for a German classroom ("du", „Anführungszeichen“,
//! decimal commas through [`super::Lang::number`]).
//!
//! German words used for each concept (one word per concept, in every text and in the
//! glossary, [`super::glossary`]; a test in `lang` refuses the words in brackets):
//!
//! | Concept                  | German                                   | not                     |
//! |--------------------------|------------------------------------------|-------------------------|
//! | generator G              | Generator, der Fälscher                  |                         |
//! | discriminator D          | Diskriminator, der Detektiv              |                         |
//! | the judge network        | der Gutachter                            |                         |
//! | fake, forgery            | Fälschung                                |                         |
//! | noise (vector), z        | Rauschen, Rauschvektor                   |                         |
//! | noise size               | Rauschgröße (latente Dimension)          |                         |
//! | batch, batch size        | Batch, Batchgröße                        | (Stapel)                |
//! | batch norm               | Batch-Normalisierung                     |                         |
//! | stack (G then D)         | Gesamtnetz, hintereinandergeschaltet     |                         |
//! | freeze / unfreeze D      | einfrieren / auftauen                    | (sperren, freigeben)    |
//! | weights                  | Gewichte                                 |                         |
//! | loss                     | Verlust                                  |                         |
//! | learning rate            | Lernrate                                 |                         |
//! | label smoothing          | Label-Smoothing                          | (Label Smoothing)       |
//! | mode collapse            | Mode-Collapse                            | (Mode Collapse)         |
//! | Fréchet distance         | Fréchet-Distanz                          |                         |
//! | diversity                | Vielfalt                                 |                         |
//! | a learning step of G, D  | Lernschritt                              | (Update)                |
//! | training step            | Schritt, Trainingsschritt                |                         |
//! | on average               | im Schnitt                               | (im Mittel)             |
//! | the judge reads a digit  | erkennen                                 | (lesen)                 |
//! | checkpoint, model file   | Modell, Modelldatei                      | (Checkpoint)            |
//! | seed                     | Startwert                                | (Seed, but in its label)|
//! | reset                    | zurücksetzen                             |                         |
//! | scoreboard               | Anzeigetafel                             |                         |
//! | grid of 64 digits        | Raster                                   |                         |
//! | speed / pace             | Tempo / Takt                             |                         |
//! | lesson                   | (Unterrichts-)Stunde                     |                         |
//! | service worker           | Service-Worker                           | (Service Worker)        |
//! | you                      | du, dein (imperative: „Drück“, „Wähl“)   | (Sie, Ihr, ihr/euer)    |

use gan_core::Phase;

macro_rules! catalog {
    ($($name:ident: $en:literal, $de:literal;)*) => {
        /// Every text of the page in one language.
        #[derive(Debug)]
        pub struct Texts {
            $(
                #[doc = concat!("English: ", $en)]
                pub $name: &'static str,
            )*
        }

        /// The English texts.
        pub const EN: Texts = Texts { $($name: $en,)* };

        /// The German texts.
        pub const DE: Texts = Texts { $($name: $de,)* };

        impl Texts {
            /// Every text with its name, in catalog order (for tests and the fuzzer).
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($name), self.$name),)*]
            }
        }
    };
}

catalog! {
    // The introduction.
    page_title: "GAN Werkstatt: watch a GAN learn to write digits", "GAN Werkstatt: Sieh zu, wie ein GAN Ziffern schreiben lernt";
    d_frozen_tag: "D frozen", "D eingefroren";
    intro_before_key: "A generative adversarial network is a duel between two neural networks: a forger (the generator G) turns random noise into images, and a detective (the discriminator D) learns to tell them from real handwritten digits. Each learns from the other's mistakes, until the forgeries look real: press ",
        "Ein Generative Adversarial Network (GAN) ist ein Duell zwischen zwei neuronalen Netzen: Ein Fälscher (der Generator G) macht aus zufälligem Rauschen Bilder, und ein Detektiv (der Diskriminator D) lernt, sie von echten handgeschriebenen Ziffern zu unterscheiden. Jeder lernt aus den Fehlern des anderen, bis die Fälschungen echt aussehen: Drück auf ";
    intro_after_key: " and watch it happen in your browser.",
        " und schau in deinem Browser zu, wie das passiert.";

    // The controls.
    controls_aria: "Training", "Training";
    train: "Train", "Trainieren";
    pause: "Pause", "Pause";
    step: "Step", "Schritt";
    phase_step: "Phase step ({phase})", "Phasenschritt ({phase})";
    reset: "Reset", "Zurücksetzen";
    key_train: "Space", "Leertaste";
    key_step: "S: one whole training step", "S: ein ganzer Trainingsschritt";
    key_phase: "P: run the next phase only", "P: nur die nächste Phase ausführen";
    key_reset: "R: fresh networks, step 0", "R: neue Netze, Schritt 0";
    speed_label: "Speed ", "Tempo ";
    speed_slow: "Slow motion: one phase at a time", "Zeitlupe: eine Phase nach der anderen";
    speed_one: "1 step per update", "1 Schritt pro Aktualisierung";
    speed_many: "{steps} steps per update", "{steps} Schritte pro Aktualisierung";
    speed_most: "{steps} steps per update (fastest)", "{steps} Schritte pro Aktualisierung (am schnellsten)";
    gpu_warmup: "WebGPU compiles its GPU kernels during the first step: the first step takes a few seconds (up to a minute on a software adapter); the ones after it are faster.",
        "Im ersten Schritt kompiliert WebGPU seine GPU-Kernel: Dieser Schritt dauert ein paar Sekunden (auf einem Software-Adapter bis zu einer Minute), die folgenden gehen schneller.";

    // The page's regions.
    stage_aria: "Generated and real digits", "Erzeugte und echte Ziffern";
    controls_panel_aria: "Controls", "Steuerung";
    charts_aria: "Training curves", "Trainingskurven";

    // The backend.
    backend_starting: "Starting…", "Startet …";
    backend_threads: "{threads} threads", "{threads} Threads";
    backend_title: "The backend burn trains on", "Das Backend, auf dem burn trainiert";
    backend_label: "Backend ", "Backend ";
    backend_auto: "Auto (the faster one here)", "Automatisch (das hier schnellere)";
    software_adapter_named: "a software adapter ({name})", "ein Software-Adapter ({name})";
    software_adapter: "a software (fallback) adapter", "ein Software-Adapter (Notlösung)";
    software_reason: "WebGPU here is {which}, about 10× slower than the CPU; choose WebGPU to use it anyway",
        "WebGPU ist hier {which}, etwa 10-mal langsamer als die CPU; wähl WebGPU, um es trotzdem zu nutzen";
    no_webgpu: "this browser has no WebGPU", "dieser Browser hat kein WebGPU";
    no_webgpu_adapter: "no WebGPU adapter", "kein WebGPU-Adapter";
    webgpu_request_failed: "requesting a WebGPU adapter failed", "die Anfrage nach einem WebGPU-Adapter ist gescheitert";
    webgpu_failed: "WebGPU did not start ({why})", "WebGPU ist nicht gestartet ({why})";
    built_without_webgpu: "this trainer was built without WebGPU", "dieser Trainer wurde ohne WebGPU gebaut";

    // The model file.
    model_file_aria: "Model file", "Modelldatei";
    pretrained: "Start from a trained model", "Mit einem trainierten Modell beginnen";
    pretrained_title: "Load a model trained for 5000 steps: good digits at once", "Ein 5000 Schritte lang trainiertes Modell laden: sofort gute Ziffern";
    save_model: "Save model", "Modell speichern";
    save_model_title: "Download both networks, their optimizers and the settings as one file", "Beide Netze, ihre Optimierer und die Einstellungen als eine Datei herunterladen";
    load_model: "Load model…", "Modell laden …";

    // The digits.
    grid_aria: "64 digits drawn by the generator from fixed noise", "64 Ziffern, die der Generator aus festem Rauschen zeichnet";
    grid_caption: "The forger's 64 digits, always from the same 64 noise vectors", "Die 64 Ziffern des Fälschers, immer aus denselben 64 Rauschvektoren";
    grid_step: " (step {step})", " (Schritt {step})";
    real_aria: "Real handwritten digits from MNIST", "Echte handgeschriebene Ziffern aus MNIST";
    real_caption: "Real digits", "Echte Ziffern";

    // A divergence.
    restore_step: "Restore step {step}", "Schritt {step} wiederherstellen";
    divergence_what: "At step {step} a loss became NaN (not a number): the numbers in the networks grew out of range and broke, which happens when a learning rate is too high. Training is paused.",
        "In Schritt {step} ist ein Verlust zu NaN geworden („not a number“, keine Zahl): Die Zahlen in den Netzen sind über alle Grenzen gewachsen und unbrauchbar geworden. Das passiert, wenn eine Lernrate zu hoch ist. Das Training ist angehalten.";
    divergence_restore: "Restore the networks of step {good} (kept every {every} steps) and lower the learning rates, or Reset to start over.",
        "Stell die Netze von Schritt {good} wieder her (sie werden alle {every} Schritte gesichert) und senk die Lernraten, oder setz alles zurück, um neu anzufangen.";
    divergence_nothing_kept: "No good state was kept yet: Reset to start over.",
        "Es wurde noch kein guter Stand gesichert: Setz alles zurück, um neu anzufangen.";

    // Notices.
    trainer_stopped: "The trainer stopped: ", "Der Trainer ist ausgefallen: ";
    restart_trainer: "Restart the trainer", "Trainer neu starten";
    restored: "Back at step {step}: the networks as they were then; the optimizers start fresh. Lower the learning rates before you train on.",
        "Zurück bei Schritt {step}: Die Netze sind wie damals, die Optimierer beginnen neu. Senk die Lernraten, bevor du weitertrainierst.";
    configured_reset: "New settings in use: fresh networks, training restarts from step 0.",
        "Neue Einstellungen aktiv: neue Netze, das Training beginnt wieder bei Schritt 0.";
    configured_live: "New settings in use: training goes on.", "Neue Einstellungen aktiv: Das Training läuft weiter.";
    reset_done: "Reset: fresh networks from the seed, step 0.", "Zurückgesetzt: neue Netze aus dem Startwert, Schritt 0.";
    checkpoint_loaded_with_optimizers: "Checkpoint loaded: step {step}, with its optimizers. Press Train to go on.",
        "Modell geladen: Schritt {step}, mit seinen Optimierern. Drück auf „Trainieren“, um weiterzumachen.";
    checkpoint_loaded_fresh_optimizers: "Checkpoint loaded: step {step} (its optimizers start fresh). Press Train to go on.",
        "Modell geladen: Schritt {step} (seine Optimierer beginnen neu). Drück auf „Trainieren“, um weiterzumachen.";
    saved: "Saved the model at step {step}.", "Das Modell von Schritt {step} ist gespeichert.";
    diverge_link: "This link makes training diverge at step {step} on purpose, to show how the app catches it and how to recover.",
        "Dieser Link lässt das Training bei Schritt {step} absichtlich entgleisen: So siehst du, wie die App das bemerkt und wie du danach weitermachen kannst.";
    link_ignored: "The link was partly ignored: {problems}.", "Der Link wurde teilweise ignoriert: {problems}.";
    file_too_large: "This file was not loaded: it is {size} MiB, more than a checkpoint's limit of {limit} MiB. The current model is unchanged.",
        "Diese Datei wurde nicht geladen: Mit {size} MiB ist sie größer als die Grenze von {limit} MiB für eine Modelldatei. Das aktuelle Modell bleibt unverändert.";
    file_not_loaded: "This file was not loaded: {why}. The current model is unchanged.",
        "Diese Datei wurde nicht geladen: {why}. Das aktuelle Modell bleibt unverändert.";
    pretrained_failed: "The trained model could not be downloaded: {why}. Training from scratch works as before.",
        "Das trainierte Modell konnte nicht heruntergeladen werden: {why}. Du kannst wie gewohnt von vorn trainieren.";
    download_failed: "The download did not start: {why}.", "Der Download ist nicht gestartet: {why}.";
    webgpu_stopped: "WebGPU stopped ({why}); the trainer restarted on the CPU from step 0.",
        "WebGPU ist ausgefallen ({why}); der Trainer hat auf der CPU bei Schritt 0 neu begonnen.";
    threads_refused: "This browser would not start the trainer's {threads} threads, so it now trains on one: slower, the same lesson.",
        "Dieser Browser startet die {threads} Threads des Trainers nicht, deshalb trainiert er jetzt mit einem einzigen: langsamer, aber genauso lehrreich.";
    service_worker_refused: "This browser did not start the site's service worker, so the page cannot share memory between threads: the CPU trainer runs on one thread (slower, the same lesson).",
        "Dieser Browser hat den Service-Worker der Seite nicht gestartet, deshalb kann die Seite keinen Speicher zwischen Threads teilen: Der CPU-Trainer läuft mit einem einzigen Thread (langsamer, aber genauso lehrreich).";
    new_version: "GAN Werkstatt has changed since your last visit: this is the new version.",
        "GAN Werkstatt hat sich seit deinem letzten Besuch geändert: Das ist die neue Version.";
    save_failed: "The model could not be saved: {why}.", "Das Modell konnte nicht gespeichert werden: {why}.";
    training_failed: "Training stopped: {why}.", "Das Training wurde abgebrochen: {why}.";
    grid_failed: "Could not draw the grid: {why}.", "Das Ziffernraster konnte nicht gezeichnet werden: {why}.";
    judge_failed: "the judge stopped working: {why}", "der Gutachter funktioniert nicht mehr: {why}";
    save_needs_cpu: "Saving the model works on the CPU backend only in this version: WebGPU in a browser cannot hand the weights over in one go.", "Das Modell lässt sich in dieser Version nur auf dem CPU-Backend speichern: WebGPU im Browser kann die Gewichte nicht in einem Stück herausgeben.";

    // Loading.
    load_failed: "Could not load the digits: ", "Die Ziffern konnten nicht geladen werden: ";
    retry: "Retry", "Erneut versuchen";
    load_of: "{what}: {loaded} of {total} MB", "{what}: {loaded} von {total} MB";
    load_so_far: "{what}: {loaded} MB", "{what}: {loaded} MB geladen";
    loading_aria: "Loading the digits", "Die Ziffern werden geladen";
    starting_trainer: "Starting the trainer", "Der Trainer startet";
    loading_digits: "Loading the digits", "Die Ziffern werden geladen";
    loading_count: "Loading 60 000 handwritten digits", "60 000 handgeschriebene Ziffern werden geladen";
    checking_digits: "Checking the digits", "Die Ziffern werden geprüft";

    // The scoreboard.
    scoreboard_title: "Discriminator vs Generator", "Diskriminator gegen Generator";
    detective_role: "D · the detective", "D · der Detektiv";
    forger_role: "G · the forger", "G · der Fälscher";
    frozen: "frozen", "eingefroren";
    caught_caption: "of fakes caught", "der Fälschungen entlarvt";
    fooled_caption: "of fakes fool D", "der Fälschungen täuschen D";
    recognised_line: "{recognised} of real digits recognised · D(x) = {d_real}", "{recognised} der echten Ziffern erkannt · D(x) = {d_real}";
    fake_line: "D(G(z)) = {d_fake}", "D(G(z)) = {d_fake}";
    duel_note: "The two big numbers add up to 100 %: every forgery is either caught or fools D. D(x) is how real D finds the real digits on average; with label smoothing {smoothing} it aims for {target} there, not 1. D(G(z)) is how real it finds the forgeries: D wants it near 0, the forger near 1, and at the duel's balance both meet.",
        "Die beiden großen Zahlen ergeben zusammen 100 %: Jede Fälschung wird entweder entlarvt oder täuscht D. D(x) gibt an, für wie echt D die echten Ziffern im Schnitt hält; mit Label-Smoothing {smoothing} zielt D dort auf {target}, nicht auf 1. D(G(z)) gibt an, für wie echt D die Fälschungen hält: D will diesen Wert nahe 0 haben, der Fälscher nahe 1, und im Gleichgewicht des Duells treffen sich beide Werte.";
    duel_note_plain: "The two big numbers add up to 100 %: every forgery is either caught or fools D. D(x) is how real D finds the real digits on average (it aims for 1). D(G(z)) is how real it finds the forgeries: D wants it near 0, the forger near 1, and at the duel's balance both meet.",
        "Die beiden großen Zahlen ergeben zusammen 100 %: Jede Fälschung wird entweder entlarvt oder täuscht D. D(x) gibt an, für wie echt D die echten Ziffern im Schnitt hält (D zielt auf 1). D(G(z)) gibt an, für wie echt D die Fälschungen hält: D will diesen Wert nahe 0 haben, der Fälscher nahe 1, und im Gleichgewicht des Duells treffen sich beide Werte.";
    step_caption: "step", "Schritt";
    steps_per_second: "{rate} steps/s", "{rate} Schritte/s";
    phases_cycling: "All six phases run again and again ({rate} steps per second). Pause and use Phase step to follow one step phase by phase.",
        "Alle sechs Phasen laufen immer wieder durch ({rate} Schritte pro Sekunde). Drück auf „Pause“ und verfolg mit „Phasenschritt“ einen Schritt Phase für Phase.";
    phases_idle: "Press Phase step to run the duel one phase at a time, with an explanation of each.",
        "Drück auf „Phasenschritt“, um das Duell Phase für Phase ablaufen zu lassen, jede mit einer Erklärung.";
    phase1_title: "G makes a batch of fakes", "G erzeugt einen Batch Fälschungen";
    phase2_title: "D trains on real and fake images", "D trainiert mit echten und gefälschten Bildern";
    phase3_title: "D and G are stacked: z → D(G(z))", "D und G werden hintereinandergeschaltet: z → D(G(z))";
    phase4_title: "D's weights are frozen", "Die Gewichte von D werden eingefroren";
    phase5_title: "The stack trains with target \"real\": only G learns", "Das Gesamtnetz trainiert mit dem Ziel „echt“: Nur G lernt";
    phase6_title: "D is unfrozen; the loop starts again", "D wird wieder aufgetaut; die Schleife beginnt von vorn";
    phase1_explanation: "The forger G turns a batch of random noise vectors into images. Nobody learns yet: these fakes are the evidence for the next phase.",
        "Der Fälscher G verwandelt einen Batch zufälliger Rauschvektoren in Bilder. Noch lernt niemand: Diese Fälschungen sind das Beweismaterial für die nächste Phase.";
    phase2_explanation: "The detective D looks at as many real digits (label 1) as fakes (label 0) and adjusts its weights to tell them apart better. G's weights are not touched.",
        "Der Detektiv D sieht sich gleich viele echte Ziffern (Label 1) und Fälschungen (Label 0) an und passt seine Gewichte so an, dass er sie besser auseinanderhalten kann. Die Gewichte von G bleiben unberührt.";
    phase3_explanation: "G and D are joined into one network: noise goes in, G draws, D judges. This lets the error of D's verdict flow back into G.",
        "G und D werden zu einem Netz verbunden: Rauschen geht hinein, G zeichnet, D urteilt. So kann der Fehler im Urteil von D bis in G zurückfließen.";
    phase4_explanation: "Why? In phase 5 the fakes come with the label \"real\", and a D that could still learn would learn exactly that: that fakes are real. Frozen, D stays a strict detective, and only the forger learns from its verdict.",
        "Warum? In Phase 5 tragen die Fälschungen das Label „echt“, und ein D, der noch lernen dürfte, würde genau das lernen: dass Fälschungen echt sind. Eingefroren bleibt D ein strenger Detektiv, und nur der Fälscher lernt aus seinem Urteil.";
    phase5_explanation: "The stack gets fresh noise with the target \"real\". The error says how far D is from being fooled, and it changes only G: the forger learns to fool D.",
        "Das Gesamtnetz bekommt frisches Rauschen und das Ziel „echt“. Der Fehler zeigt, wie weit D noch davon entfernt ist, sich täuschen zu lassen, und er verändert nur G: Der Fälscher lernt, D zu täuschen.";
    phase6_explanation: "D's weights are unlocked again. One round of the duel is over; the next step starts with a new batch of fakes.",
        "Die Gewichte von D werden wieder aufgetaut. Eine Runde des Duells ist vorbei; der nächste Schritt beginnt mit einem neuen Batch Fälschungen.";

    // The verdict.
    verdict_not_started: "The duel has not started: press Train, Step or Phase step.",
        "Das Duell hat noch nicht begonnen: Drück auf „Trainieren“, „Schritt“ oder „Phasenschritt“.";
    verdict_warming_up: "The duel is warming up: the first {warmup} steps swing wildly, so the scoreboard judges from step {warmup} on (now {step}).",
        "Das Duell läuft sich warm: Die ersten {warmup} Schritte schwanken stark, deshalb urteilt die Anzeigetafel erst ab Schritt {warmup} (jetzt: Schritt {step}).";
    verdict_detective: "The detective leads: it sorts {accuracy} of the images right, clearly better than guessing (it catches {caught} of the forgeries and recognises {recognised} of the real digits). The forger is still learning.",
        "Der Detektiv führt: Er ordnet {accuracy} der Bilder richtig ein, deutlich besser als Raten (er entlarvt {caught} der Fälschungen und erkennt {recognised} der echten Ziffern). Der Fälscher lernt noch.";
    verdict_forger: "The forger leads: the detective sorts only {accuracy} of the images right, worse than guessing, and takes {fooled} of the forgeries for real. The detective must learn to look closer.",
        "Der Fälscher führt: Der Detektiv ordnet nur {accuracy} der Bilder richtig ein, schlechter als Raten, und hält {fooled} der Fälschungen für echt. Der Detektiv muss lernen, genauer hinzusehen.";
    verdict_balanced: "A close duel: the detective sorts {accuracy} of the images right, near the 50 % of guessing (it catches {caught} of the forgeries and recognises {recognised} of the real digits). Both keep learning from each other.",
        "Ein knappes Duell: Der Detektiv ordnet {accuracy} der Bilder richtig ein, nahe an den 50 %, die auch bloßes Raten schafft (er entlarvt {caught} der Fälschungen und erkennt {recognised} der echten Ziffern). Beide lernen weiter voneinander.";
    warn_outright: "The detective wins outright: it gives the fakes only {d_fake} % \"real\". The forger still gets a strong push (it trains with the target \"real\", so its loss is high, not silent), but \"all of it is fake\" tells it little about what real digits look like, and its steps can swing wildly.",
        "Der Detektiv gewinnt haushoch: Er hält die Fälschungen nur zu {d_fake} % für „echt“. Der Fälscher bekommt trotzdem einen kräftigen Anstoß (er trainiert mit dem Ziel „echt“, also ist sein Verlust groß und das Lernsignal bleibt stark), aber „alles ist gefälscht“ verrät ihm wenig darüber, wie echte Ziffern aussehen, und seine Schritte können wild ausschlagen.";
    warn_collapse: "Mode collapse: the forger draws only a few shapes. Its 64 digits are {diversity} % as varied as real ones.",
        "Mode-Collapse: Der Fälscher zeichnet nur noch wenige Formen. Seine 64 Ziffern sind nur zu {diversity} % so vielfältig wie echte.";
    warn_diverging: "The losses are running away (up to {loss}): training is diverging.",
        "Die Verluste schießen in die Höhe (bis auf {loss}): Das Training entgleist.";
    warn_nan: "A loss became NaN (not a number): the networks' weights are broken.",
        "Ein Verlust ist NaN geworden (keine Zahl): Die Gewichte der Netze sind unbrauchbar.";
    advice_outright: "Try a lower learning rate for D or more label smoothing.",
        "Versuch eine niedrigere Lernrate für D oder mehr Label-Smoothing.";
    advice_collapse: "Reset, or lower G's learning rate.",
        "Setz zurück oder senk die Lernrate von G.";
    advice_diverging: "Lower the learning rates and reset.",
        "Senk die Lernraten und setz zurück.";
    advice_nan: "Reset, and lower the learning rates.",
        "Setz zurück und senk die Lernraten.";
    advice_reset: "Press Reset to start the duel again.",
        "Drück auf „Zurücksetzen“, um das Duell neu zu beginnen.";

    // The hyperparameters.
    settings_title: "Hyperparameters", "Hyperparameter";
    model_label: "Model", "Modell";
    lr_g_label: "Learning rate of G (forger)", "Lernrate von G (Fälscher)";
    lr_d_label: "Learning rate of D (detective)", "Lernrate von D (Detektiv)";
    batch_label: "Batch size", "Batchgröße";
    latent_label: "Noise size (latent dimension)", "Rauschgröße (latente Dimension)";
    smoothing_label: "Label smoothing", "Label-Smoothing";
    norm_label: "Batch norm in G (MLP)", "Batch-Normalisierung in G (MLP)";
    dropout_label: "Dropout in D (MLP)", "Dropout in D (MLP)";
    seed_label: "Seed", "Startwert (Seed)";
    range_hint: "{min} to {max}", "{min} bis {max}";
    model_hint: "MLP or DCGAN", "MLP oder DCGAN";
    on_off_hint: "on or off", "an oder aus";
    on: "on", "an";
    off: "off", "aus";
    field_out_of_range: "{field} must be a number from {range} (got \"{got}\").", "{field} muss eine Zahl von {range} sein (eingegeben: „{got}“).";
    model_invalid: "Model must be MLP or DCGAN (got \"{got}\").", "Das Modell muss MLP oder DCGAN sein (eingegeben: „{got}“).";
    norm_invalid: "Batch norm in G must be on or off (got \"{got}\").", "Die Batch-Normalisierung in G muss an oder aus sein (eingegeben: „{got}“).";
    change_none: "No change.", "Keine Änderung.";
    change_live: "Applies live: training goes on with the new values.", "Gilt sofort: Das Training läuft mit den neuen Werten weiter.";
    change_reset: "A new model, noise size, batch norm or dropout needs fresh networks: training restarts from step 0.",
        "Ein anderes Modell, eine andere Rauschgröße, Batch-Normalisierung oder Dropout brauchen neue Netze: Das Training beginnt wieder bei Schritt 0.";
    fix_fields: "Fix the fields marked in red to apply.", "Korrigier die rot markierten Felder, dann kannst du die Werte übernehmen.";
    apply: "Apply", "Übernehmen";
    reset_marker_hint: "⟲ needs fresh networks: training restarts from step 0.", "⟲ braucht neue Netze: Das Training beginnt wieder bei Schritt 0.";

    // The charts.
    losses_title: "Losses", "Verluste";
    beliefs_title: "What D believes", "Was D glaubt";
    loss_axis: "loss", "Verlust";
    probability_axis: "P(real)", "P(echt)";
    raw_values: " raw values", " Rohwerte";
    chart_aria: "{title} over training steps", "{title} über die Trainingsschritte";
    curve_d_loss_real: "D loss on real", "Verlust von D bei echten Ziffern";
    curve_d_loss_fake: "D loss on fakes", "Verlust von D bei Fälschungen";
    curve_g_loss: "G loss", "Verlust von G";
    curve_d_real: "D(x): real judged real", "D(x): echt für echt gehalten";
    curve_d_fake: "D(G(z)): fake judged real", "D(G(z)): Fälschung für echt gehalten";
    steps_axis: "training step", "Trainingsschritt";

    // The judge.
    judge_title: "The judge", "Der Gutachter";
    judge_loading: "The judge is loading…", "Der Gutachter wird geladen …";
    judge_ready: "A classifier trained on real handwriting ({accuracy} % right on 10 000 test digits) scores the forger every 200 steps.",
        "Ein an echter Handschrift trainierter Klassifikator ({accuracy} % richtig bei 10 000 Testziffern) bewertet den Fälscher alle 200 Schritte.";
    judge_unavailable: "No judge this time: {why}. Training runs on without its figures.",
        "Diesmal ohne Gutachter: {why}. Das Training läuft ohne seine Kennzahlen weiter.";
    label_toggle: " Show the judge's reading of each digit", " Anzeigen, welche Ziffer der Gutachter in jedem Bild erkennt";
    explain_labels: "Each forgery shows the digit the judge reads in it and how sure the judge is: a classifier trained on real handwriting, 99 % right on digits it never saw.",
        "Jede Fälschung zeigt, welche Ziffer der Gutachter darin erkennt und wie sicher er ist: ein an echter Handschrift trainierter Klassifikator, der 99 % der Ziffern richtig erkennt, die er nie gesehen hat.";
    explain_histogram: "Which digit the judge reads in each of 500 fresh forgeries: a good forger draws all ten about equally often.",
        "Welche Ziffer der Gutachter in jeder von 500 frischen Fälschungen erkennt: Ein guter Fälscher zeichnet alle zehn etwa gleich oft.";
    explain_diversity: "Diversity is the entropy of that histogram: 3.32 bits when all ten digits are equally common, 0 when the forger draws only one.",
        "Die Vielfalt ist die Entropie dieses Histogramms: 3,32 Bit, wenn alle zehn Ziffern gleich häufig sind, 0, wenn der Fälscher nur eine zeichnet.";
    explain_frechet: "The Fréchet distance measures how far what the judge notices in forgeries is from what it notices in real digits: the lower, the more real they look.",
        "Die Fréchet-Distanz misst, wie weit das, was dem Gutachter an Fälschungen auffällt, von dem entfernt ist, was ihm an echten Ziffern auffällt: Je kleiner, desto echter sehen sie aus.";
    histogram_title: "Which digits the forger draws", "Welche Ziffern der Fälscher zeichnet";
    histogram_aria: "Share of each digit among 500 fresh forgeries", "Anteil jeder Ziffer an 500 frischen Fälschungen";
    histogram_bar: "{digit}: {share} %", "{digit}: {share} %";
    waiting_for_forgeries: "waiting for the first 500 forgeries", "Warten auf die ersten 500 Fälschungen";
    diversity_label: "Diversity: ", "Vielfalt: ";
    diversity_bits: "{bits} of {max} bits", "{bits} von {max} Bit";
    frechet_title: "How far from real digits", "Wie weit von echten Ziffern entfernt";
    frechet_now_label: "Fréchet distance now: ", "Fréchet-Distanz jetzt: ";
    frechet_aria: "Fréchet distance between forgeries and real digits over training steps", "Fréchet-Distanz zwischen Fälschungen und echten Ziffern über die Trainingsschritte";
    distance_axis: "distance", "Distanz";
    collapse_one_kind: "Mode collapse: the forger draws only one kind of digit (diversity {bits} of {max} bits). It found forgeries that fool the detective and repeats them; the detective will learn to spot them, and the forger may move on to other digits, or Reset with a lower learning rate.",
        "Mode-Collapse: Der Fälscher zeichnet nur noch eine Ziffernart (Vielfalt {bits} von {max} Bit). Er hat Fälschungen gefunden, die den Detektiv täuschen, und wiederholt sie. Der Detektiv wird lernen, sie zu erkennen, und vielleicht weicht der Fälscher dann auf andere Ziffern aus. Du kannst auch zurücksetzen und eine niedrigere Lernrate wählen.";
    collapse_few_kinds: "Mode collapse: the forger draws only {classes} kinds of digit (diversity {bits} of {max} bits). It found forgeries that fool the detective and repeats them; the detective will learn to spot them, and the forger may move on to other digits, or Reset with a lower learning rate.",
        "Mode-Collapse: Der Fälscher zeichnet nur noch {classes} Ziffernarten (Vielfalt {bits} von {max} Bit). Er hat Fälschungen gefunden, die den Detektiv täuschen, und wiederholt sie. Der Detektiv wird lernen, sie zu erkennen, und vielleicht weicht der Fälscher dann auf andere Ziffern aus. Du kannst auch zurücksetzen und eine niedrigere Lernrate wählen.";
    collapse_dropped: "Diversity dropped from {best} to {bits} bits: the forger is losing digits it could already draw, the first sign of mode collapse.",
        "Die Vielfalt ist von {best} auf {bits} Bit gefallen: Der Fälscher verliert Ziffern, die er schon zeichnen konnte – das erste Anzeichen eines Mode-Collapse.";
    quality_summary: "step {step}: {present} of 10 digits present, diversity {bits} bits, Fréchet distance {frechet}, judge {sure} % sure on average ({samples} forgeries)",
        "Schritt {step}: {present} von 10 Ziffern vorhanden, Vielfalt {bits} Bit, Fréchet-Distanz {frechet}, Gutachter im Schnitt zu {sure} % sicher ({samples} Fälschungen)";
    not_available: "n/a", "k. A.";

    // The speed benchmark.
    bench_title: "Speed benchmark", "Geschwindigkeitstest";
    bench_waiting: "Waiting for the trainer…", "Warte auf den Trainer …";
    bench_calibrating: "Measuring the backend alone (bare matrix products, bare training loop)…", "Das Backend allein wird gemessen (reine Matrixprodukte, reine Trainingsschleife) …";
    bench_warming_up: "Training: warm-up steps…", "Training: Aufwärmschritte …";
    bench_measuring: "Training with the page updating: window {window} of {windows}…", "Training mit laufend aktualisierter Seite: Messfenster {window} von {windows} …";
    bench_done: "Done: {rate} steps/s (median of {windows} windows).", "Fertig: {rate} Schritte/s (Median aus {windows} Messfenstern).";
    bench_failed: "The benchmark stopped: {why}", "Der Geschwindigkeitstest wurde abgebrochen: {why}";

    // The conditional GAN.
    conditional_label: "Conditional: G and D know the digit", "Bedingt: G und D kennen die Ziffer";
    ask_title: "Ask the forger for a digit", "Bestell beim Fälscher eine Ziffer";
    ask_hint: "The model is conditional: G draws the digit it is asked for, one column per digit in the grid above.", "Das Modell ist bedingt: G zeichnet die Ziffer, die du bei ihm bestellst – im Raster oben eine Spalte pro Ziffer.";
    ask_button: "Draw a {digit}", "Zeichne eine {digit}";
    ask_answer: "The forger's answer to \"draw a {digit}\" at step {step}: eight drawings from fresh noise.", "Die Antwort des Fälschers auf „Zeichne eine {digit}“ bei Schritt {step}: acht Zeichnungen aus frischem Rauschen.";
    ask_answer_aria: "Eight drawings of the digit asked for", "Acht Zeichnungen der bestellten Ziffer";
    ask_needs_conditional: "Only a conditional model can be asked for a digit: switch Conditional on in the hyperparameters.", "Nur bei einem bedingten Modell kannst du eine Ziffer bestellen: Schalt „Bedingt“ bei den Hyperparametern ein.";

    // The training data.
    data_label: "Training data ", "Trainingsdaten ";
    data_mnist: "MNIST: handwritten digits", "MNIST: handgeschriebene Ziffern";
    data_fashion: "Fashion-MNIST: photos of clothes", "Fashion-MNIST: Fotos von Kleidung";
    data_title: "What the forger learns to fake; switching restarts training from step 0", "Was der Fälscher fälschen lernt; ein Wechsel startet das Training bei Schritt 0 neu";
    real_caption_fashion: "Real clothes", "Echte Kleidung";
    real_aria_fashion: "Real photos of clothes from Fashion-MNIST", "Echte Kleidungsfotos aus Fashion-MNIST";
    loading_fashion: "Loading 60 000 photos of clothes", "60 000 Kleidungsfotos werden geladen";
    judge_digits_only: "the judge knows handwritten digits, not clothes", "der Gutachter kennt handgeschriebene Ziffern, keine Kleidung";
    pretrained_digits_only: "The trained model draws digits: choose MNIST as training data to start from it.", "Das trainierte Modell zeichnet Ziffern: Wähl MNIST als Trainingsdaten, um damit zu beginnen.";
    ask_button_class: "Draw: {class}", "Zeichne: {class}";
    fashion_class_0: "T-shirt", "T-Shirt";
    fashion_class_1: "trousers", "Hose";
    fashion_class_2: "pullover", "Pullover";
    fashion_class_3: "dress", "Kleid";
    fashion_class_4: "coat", "Mantel";
    fashion_class_5: "sandal", "Sandale";
    fashion_class_6: "shirt", "Hemd";
    fashion_class_7: "sneaker", "Turnschuh";
    fashion_class_8: "bag", "Tasche";
    fashion_class_9: "ankle boot", "Stiefelette";

    // Own pictures.
    own_pictures: "Your own pictures…", "Eigene Bilder …";
    own_folder: "A folder of pictures…", "Ein Ordner mit Bildern …";
    own_title: "Train on your class's drawings: PNG, JPEG, GIF, BMP or WebP files, or a zip of them (at most 10 000 pictures, 16 MB a file, 256 MB in all). Each becomes 28 × 28 grey, light on dark.", "Trainier mit den Zeichnungen deiner Klasse: PNG-, JPEG-, GIF-, BMP- oder WebP-Dateien oder ein Zip-Archiv davon (höchstens 10 000 Bilder, 16 MB pro Datei, 256 MB insgesamt). Jedes Bild wird auf 28 × 28 Pixel in Graustufen verkleinert, hell auf dunkel.";
    own_option: "Your own pictures ({count})", "Eigene Bilder ({count})";
    own_reading: "Reading {count} files…", "{count} Dateien werden gelesen …";
    own_in_use: "{count} of your pictures are in use: fresh networks, step 0.", "Das Training nutzt jetzt {count} deiner Bilder: neue Netze, Schritt 0.";
    own_skipped: " Skipped {count}: {first}.", " {count} übersprungen: {first}.";
    own_too_few: "Only {count} usable pictures: a batch needs at least {batch}. Add pictures or lower the batch size. Nothing changed.", "Nur {count} brauchbare Bilder: Ein Batch braucht mindestens {batch}. Füg Bilder hinzu oder senk die Batchgröße. Nichts wurde geändert.";
    own_none: "None of the {files} files is a usable picture ({first}). Nothing changed.", "Keine der {files} Dateien ist ein brauchbares Bild ({first}). Nichts wurde geändert.";
    own_too_many: "{count} pictures are more than the limit of {max}. Nothing changed.", "{count} Bilder sind zu viele: Erlaubt sind höchstens {max}. Nichts wurde geändert.";
    own_too_large: "The files are {size} MB together, more than the limit of {max} MB. Nothing changed.", "Die Dateien sind zusammen {size} MB groß, erlaubt sind höchstens {max} MB. Nichts wurde geändert.";
    judge_own_pictures: "the judge reads handwritten digits, and these are your own pictures", "der Gutachter erkennt handgeschriebene Ziffern, und das hier sind deine eigenen Bilder";
    refusal_not_a_picture: "not a PNG, JPEG, GIF, BMP or WebP picture", "kein PNG-, JPEG-, GIF-, BMP- oder WebP-Bild";
    refusal_damaged: "damaged: {why}", "beschädigt: {why}";
    refusal_too_large: "{size} MB, more than {max} MB", "{size} MB, mehr als {max} MB";
    refusal_too_many_pixels: "more than {max} million pixels", "mehr als {max} Millionen Pixel";
    refusal_blank: "one flat colour, nothing to learn", "eine einzige Farbfläche, nichts zu lernen";
    refusal_zip_damaged: "a broken zip: {why}", "ein beschädigtes Zip-Archiv: {why}";
    refusal_zip_unsupported: "cannot be unpacked: {why}", "lässt sich nicht entpacken: {why}";

    // The latent walk.
    walk_title: "Latent walk", "Spaziergang durch den latenten Raum";
    walk_hint: "Click a digit of the grid, then another: the forger draws the way between their two noise vectors.", "Klick eine Ziffer im Raster an, dann eine zweite: Der Fälscher zeichnet den Weg zwischen ihren beiden Rauschvektoren.";
    walk_hint_second: "Now click a second digit.", "Klick jetzt eine zweite Ziffer an.";
    walk_caption: "From the digit in place {from} to the one in place {to} (step {step}): {frames} drawings along the way. Smooth changes show that the forger has learned a continuous space of digits, not 64 separate pictures.", "Von der Ziffer an Platz {from} zu der an Platz {to} (Schritt {step}): {frames} Zeichnungen auf dem Weg. Weiche Übergänge zeigen, dass der Fälscher einen zusammenhängenden Raum von Ziffern gelernt hat, nicht 64 einzelne Bilder.";
    walk_slider: "Along the way", "Auf dem Weg";
    walk_frame_aria: "The digit at this point of the walk", "Die Ziffer an dieser Stelle des Wegs";
    walk_strip_aria: "Every drawing along the walk", "Alle Zeichnungen entlang des Wegs";
    walk_close: "Close the walk", "Spaziergang schließen";

    // Export.
    export_aria: "Export", "Export";
    save_png: "Save grid as PNG", "Raster als PNG speichern";
    save_png_title: "The 64 digits as they are now, as a picture", "Die 64 Ziffern, wie sie jetzt sind, als Bild";
    save_gif: "Save timelapse (GIF)", "Zeitraffer speichern (GIF)";
    save_gif_title: "The grid over the whole training as an animated GIF", "Das Raster über das ganze Training als animiertes GIF";
    timelapse_frames: "Timelapse: {frames} pictures, steps {first} to {last}", "Zeitraffer: {frames} Bilder, Schritte {first} bis {last}";
    timelapse_empty: "The timelapse records the grid while it trains.", "Der Zeitraffer nimmt das Raster auf, solange trainiert wird.";
    export_failed: "The picture could not be saved: {why}.", "Das Bild konnte nicht gespeichert werden: {why}.";

    // The lesson bar: language, lesson mode, panels and the link to share.
    lesson_aria: "Lesson", "Unterrichtsstunde";
    language_label: "Language ", "Sprache ";
    lesson_mode: "Lesson mode", "Unterrichtsmodus";
    lesson_mode_title: "Hides the advanced controls: hyperparameters, backend and model files", "Blendet die fortgeschrittenen Einstellungen aus: Hyperparameter, Backend und Modelldateien";
    panels_label: "Show: ", "Anzeigen: ";
    panel_scoreboard: "Scoreboard", "Anzeigetafel";
    panel_charts: "Training curves", "Trainingskurven";
    panel_judge: "The judge", "Gutachter";
    panel_settings: "Hyperparameters", "Hyperparameter";
    panel_files: "Model files", "Modelldateien";
    share_label: "Link to this lesson: ", "Link zu dieser Stunde: ";
    share_title: "Opening this link restores the model, hyperparameters, seed, speed, language and panels", "Beim Öffnen stellt dieser Link Modell, Hyperparameter, Startwert, Tempo, Sprache und angezeigte Bereiche wieder her";
    copy_link: "Copy link", "Link kopieren";
    link_copied: "The link to this lesson is copied.", "Der Link zu dieser Stunde ist kopiert.";
    copy_failed: "Copying did not work here: select the link and copy it by hand.", "Kopieren hat hier nicht geklappt: Markier den Link und kopier ihn von Hand.";
    link_bad_value: "{key}={got} is not allowed ({allowed}); using {default}", "{key}={got} ist nicht erlaubt ({allowed}); stattdessen gilt {default}";
    link_bad_setting: "{key}: {why} Using {default}", "{key}: {why} Stattdessen gilt {default}";
    link_bad_combination: "the settings do not fit together ({why}); using the defaults", "die Einstellungen passen nicht zusammen ({why}); stattdessen gelten die Standardwerte";
    link_diverge: "diverge={got} is not a step from 1 to {max}; training runs normally", "diverge={got} ist kein Schritt von 1 bis {max}; das Training läuft normal";
    link_threads: "threads={got} is not a number from 1 to {max}; the CPU trainer uses every core it may",
        "threads={got} ist keine Zahl von 1 bis {max}; der CPU-Trainer nutzt alle Kerne, die er darf";
    link_fail: "fail={got} is not webgpu or threads; nothing fails on purpose", "fail={got} ist weder webgpu noch threads; nichts fällt absichtlich aus";
    link_bench: "bench={got} is not 1 or 0; the benchmark does not run", "bench={got} ist weder 1 noch 0; der Geschwindigkeitstest läuft nicht";
    link_backend: "backend={got} is not auto, webgpu or cpu; using auto", "backend={got} ist weder auto noch webgpu oder cpu; stattdessen gilt auto";
    link_unknown_panel: "panels={got} names no panel (scoreboard, charts, judge, settings, files); showing all", "panels={got} nennt keinen Bereich (scoreboard, charts, judge, settings, files); alle werden angezeigt";

    teacher_material: "For teachers: lesson plan, worksheet, answers and experiments.", "Für Lehrkräfte: Stundenverlauf, Arbeitsblatt, Lösungen und Experimente.";

    // What each phase shows (phase-step mode and slow motion).
    watch_aria: "What this phase did", "Was diese Phase getan hat";
    watch_fakes: "The first {count} of the {batch} fakes G just made: in phase 2, D judges them.",
        "Die ersten {count} der {batch} Fälschungen, die G gerade erzeugt hat: In Phase 2 urteilt D über sie.";
    watch_real_caption: "Real digits · D(x) before → after", "Echte Ziffern · D(x) vorher → nachher";
    watch_fakes_caption: "Fakes · D(G(z)) before → after", "Fälschungen · D(G(z)) vorher → nachher";
    watch_discriminator: "D learned from this batch. Its average verdict on the real digits: {real_before} → {real_after} ({real_dir}); on the fakes: {fake_before} → {fake_after} ({fake_dir}). D's loss: {loss_real} on the real half, {loss_fake} on the fake half.",
        "D hat aus diesem Batch gelernt. Sein Urteil über die echten Ziffern im Schnitt: {real_before} → {real_after} ({real_dir}); über die Fälschungen: {fake_before} → {fake_after} ({fake_dir}). Verlust von D: {loss_real} bei der echten Hälfte, {loss_fake} bei der gefälschten.";
    watch_rose: "higher", "höher";
    watch_fell: "lower", "niedriger";
    watch_stayed: "unchanged", "unverändert";
    watch_before_caption: "Before G's update · D(G(z))", "Vor dem Lernschritt von G · D(G(z))";
    watch_after_caption: "After it, from the same noise · D(G(z))", "Danach, aus demselben Rauschen · D(G(z))";
    watch_generator_fooled_more: "G learned: the frozen D rates the fakes from the same noise {before} → {after} on average ({dir}). The forger fools the detective a little more.",
        "G hat gelernt: Der eingefrorene D bewertet die Fälschungen aus demselben Rauschen im Schnitt mit {before} → {after} ({dir}). Der Fälscher täuscht den Detektiv ein bisschen besser.";
    watch_generator_not_yet: "The frozen D rates the fakes from the same noise {before} → {after} on average ({dir}): this one update did not fool it more. G learns in many small steps.",
        "Der eingefrorene D bewertet die Fälschungen aus demselben Rauschen im Schnitt mit {before} → {after} ({dir}): Durch diesen einen Lernschritt täuscht G ihn noch nicht besser. G lernt in vielen kleinen Schritten.";

    // The diagram of the duel.
    diagram_aria: "Diagram of the duel: noise goes into the forger G, its fakes and real digits go into the detective D, D gives its verdict",
        "Diagramm des Duells: Rauschen geht in den Fälscher G, seine Fälschungen und echte Ziffern gehen in den Detektiv D, D fällt sein Urteil";
    diagram_noise: "noise z", "Rauschen z";
    diagram_forger: "forger", "Fälscher";
    diagram_fakes: "fakes", "Fälschungen";
    diagram_real: "real digits", "echte Ziffern";
    diagram_detective: "detective", "Detektiv";
    diagram_verdict: "verdict 0…1", "Urteil 0…1";
    diagram_gradient: "gradient", "Gradient";
    diagram_stack: "stacked: z → D(G(z))", "Gesamtnetz: z → D(G(z))";
    diagram_learns: "learns", "lernt";
    diagram_next: "Click the diagram, press → or Page Down: next phase", "Klick aufs Diagramm oder drück → bzw. Bild ab: nächste Phase";

    // The pace of slow motion and presenter mode.
    pace_label: "Pace ", "Takt ";
    pace_seconds: "{seconds} s per phase", "{seconds} s pro Phase";
    present_on: "Presenter mode", "Präsentationsmodus";
    present_title: "Large text, only what the class needs, for a projector (also ?present=1)",
        "Große Schrift, nur was die Klasse braucht, für den Beamer (auch ?present=1)";

    // "You are the detective": the class's game.
    quiz_title: "You are the detective", "Du bist der Detektiv";
    quiz_intro: "Real digits and forgeries of the forger as it is now, mixed. Mark each one real or fake, then compare with D. Training goes on meanwhile: a new round later is harder.",
        "Echte Ziffern und Fälschungen, so wie der Fälscher sie gerade zeichnet, bunt gemischt. Markier jede als echt oder gefälscht und vergleich dich dann mit D. Das Training läuft währenddessen weiter: Spätere Runden werden schwerer.";
    quiz_new: "New round", "Neue Runde";
    quiz_real: "real", "echt";
    quiz_fake: "fake", "gefälscht";
    quiz_digit_aria: "Digit {n} of the round", "Ziffer {n} der Runde";
    quiz_truth: "It was {truth}. D said {d}.", "Die Ziffer war {truth}. D sagte {d}.";
    quiz_score: "You: {class} of {total} right. D: {d} of {total} (forgeries from step {step}).",
        "Du: {class} von {total} richtig. D: {d} von {total} (Fälschungen aus Schritt {step}).";
    quiz_class_wins: "You beat the detective!", "Du hast den Detektiv geschlagen!";
    quiz_d_wins: "The detective was better this time.", "Der Detektiv war diesmal besser.";
    quiz_tie: "A draw between you and the detective.", "Unentschieden zwischen dir und dem Detektiv.";

    // The glossary.
    glossary_title: "Glossary", "Glossar";
    glossary_open: "Glossary: the words of the duel", "Glossar: die Wörter des Duells";
}

impl Texts {
    /// The name of Fashion-MNIST's class `class` (0–9).
    pub fn fashion_class(&self, class: u8) -> &'static str {
        [
            self.fashion_class_0,
            self.fashion_class_1,
            self.fashion_class_2,
            self.fashion_class_3,
            self.fashion_class_4,
            self.fashion_class_5,
            self.fashion_class_6,
            self.fashion_class_7,
            self.fashion_class_8,
            self.fashion_class_9,
        ][usize::from(class.min(9))]
    }

    /// A phase's short title, as the seed words it.
    pub fn phase_title(&self, phase: Phase) -> &'static str {
        match phase {
            Phase::GenerateFakes => self.phase1_title,
            Phase::TrainDiscriminator => self.phase2_title,
            Phase::StackNetworks => self.phase3_title,
            Phase::FreezeDiscriminator => self.phase4_title,
            Phase::TrainGenerator => self.phase5_title,
            Phase::UnfreezeDiscriminator => self.phase6_title,
        }
    }

    /// What happens in a phase and why, in plain words for a class.
    pub fn phase_explanation(&self, phase: Phase) -> &'static str {
        match phase {
            Phase::GenerateFakes => self.phase1_explanation,
            Phase::TrainDiscriminator => self.phase2_explanation,
            Phase::StackNetworks => self.phase3_explanation,
            Phase::FreezeDiscriminator => self.phase4_explanation,
            Phase::TrainGenerator => self.phase5_explanation,
            Phase::UnfreezeDiscriminator => self.phase6_explanation,
        }
    }
}
