<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es">
    <context>
        <name>kiosk</name>
        <message>
            <source>Stem cell therapy for hair loss: what to know</source>
            <translation>Terapia con células madre para la caída del cabello: lo que debe saber</translation>
        </message>
        <message>
            <source>Six short pages on how it works, who it may help, what to expect, and how to stay safe.</source>
            <translation>Seis páginas cortas sobre cómo funciona, a quién puede ayudar, qué esperar y cómo cuidarse.</translation>
        </message>
        <message>
            <source>Touch to start</source>
            <translation>Toque para empezar</translation>
        </message>
        <message>
            <source>Show the pages in this language</source>
            <translation>Mostrar las páginas en este idioma</translation>
        </message>
        <message>
            <source>Are you still reading?</source>
            <translation>¿Sigue leyendo?</translation>
        </message>
        <message>
            <source>Keep reading</source>
            <translation>Seguir leyendo</translation>
        </message>
        <message>
            <source>Stay on this page instead of starting over</source>
            <translation>Quedarse en esta página en vez de volver al inicio</translation>
        </message>
        <message>
            <source>If not, the screen will start over in 1 second.</source>
            <translation>Si no, la pantalla volverá al inicio en 1 segundo.</translation>
        </message>
        <message>
            <source>If not, the screen will start over in {n} seconds.</source>
            <translation>Si no, la pantalla volverá al inicio en {n} segundos.</translation>
        </message>
        <message>
            <source>Stem cell therapy for hair loss</source>
            <translation>Células madre para la caída del cabello</translation>
        </message>
        <message>
            <source>Smaller text</source>
            <translation>Letra más pequeña</translation>
        </message>
        <message>
            <source>Larger text</source>
            <translation>Letra más grande</translation>
        </message>
        <message>
            <source>High contrast</source>
            <translation>Alto contraste</translation>
        </message>
        <message>
            <source>White and yellow text on black, for easier reading</source>
            <translation>Letra blanca y amarilla sobre negro, para leer mejor</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>Pausa</translation>
        </message>
        <message>
            <source>Listen</source>
            <translation>Escuchar</translation>
        </message>
        <message>
            <source>Pause reading aloud</source>
            <translation>Pausar la lectura en voz alta</translation>
        </message>
        <message>
            <source>Listen to this page</source>
            <translation>Escuchar esta página</translation>
        </message>
        <message>
            <source>Reading aloud is not available on this kiosk</source>
            <translation>La lectura en voz alta no está disponible en este quiosco</translation>
        </message>
        <message>
            <source>Pages:</source>
            <translation>Páginas:</translation>
        </message>
        <message>
            <source>Pages</source>
            <translation>Páginas</translation>
        </message>
        <message>
            <source>cannot be read</source>
            <translation>no se puede leer</translation>
        </message>
        <message>
            <source>Last warnings:</source>
            <translation>Últimos avisos:</translation>
        </message>
        <message>
            <source>Sound not available</source>
            <translation>Sonido no disponible</translation>
        </message>
        <message>
            <source>Kiosk {version}, up {hours} h {minutes} min</source>
            <translation>Quiosco {version}, encendido {hours} h {minutes} min</translation>
        </message>
        <message>
            <source>Content: {folder} ({lang})</source>
            <translation>Contenido: {folder} ({lang})</translation>
        </message>
        <message>
            <source>Sessions since start: {n}</source>
            <translation>Sesiones desde el inicio: {n}</translation>
        </message>
        <message>
            <source>reviewed {date}</source>
            <translation>revisada el {date}</translation>
        </message>
        <message>
            <source>Back to the start</source>
            <translation>Volver al inicio</translation>
        </message>
        <message>
            <source>Next: {page}</source>
            <translation>Siguiente: {page}</translation>
        </message>
        <message>
            <source>Sources: {sources}</source>
            <translation>Fuentes: {sources}</translation>
        </message>
        <message>
            <source>Last reviewed: {date}</source>
            <translation>Última revisión: {date}</translation>
        </message>
        <message>
            <source>PIN entered</source>
            <translation>PIN escrito</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
        <message>
            <source>Wrong PIN. Please wait.</source>
            <translation>PIN incorrecto. Espere, por favor.</translation>
        </message>
        <message>
            <source>Staff menu</source>
            <translation>Menú del personal</translation>
        </message>
        <message>
            <source>Exit the kiosk</source>
            <translation>Salir del quiosco</translation>
        </message>
        <message>
            <source>Reload content</source>
            <translation>Volver a cargar el contenido</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Volver</translation>
        </message>
        <message>
            <source>Staff PIN</source>
            <translation>PIN del personal</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Borrar</translation>
        </message>
        <message>
            <source>Clear the PIN</source>
            <translation>Borrar el PIN</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>Aceptar</translation>
        </message>
        <message>
            <source>Enter the PIN</source>
            <translation>Confirmar el PIN</translation>
        </message>
        <message>
            <source>Digit {digit}</source>
            <translation>Número {digit}</translation>
        </message>
        <message>
            <source>This page is not ready in your language yet, so it is shown in English.</source>
            <translation>Esta página todavía no está en español, así que se muestra en inglés.</translation>
        </message>
        <message>
            <source>Scroll the page</source>
            <translation>Desplazar la página</translation>
        </message>
        <message>
            <source>Listen to this meaning</source>
            <translation>Escuchar este significado</translation>
        </message>
        <message>
            <source>Tap anywhere to close</source>
            <translation>Toque en cualquier lugar para cerrar</translation>
        </message>
        <message>
            <source>Take this home</source>
            <translation>Llévelo a casa</translation>
        </message>
        <message>
            <source>Show a QR code of this page for a phone</source>
            <translation>Mostrar un código QR de esta página para el teléfono</translation>
        </message>
        <message>
            <source>Progress through the talk</source>
            <translation>Avance de la presentación</translation>
        </message>
        <message>
            <source>The screen is blank</source>
            <translation>La pantalla está en negro</translation>
        </message>
        <message>
            <source>This slide</source>
            <translation>Esta diapositiva</translation>
        </message>
        <message>
            <source>Next slide</source>
            <translation>Siguiente diapositiva</translation>
        </message>
        <message>
            <source>Elapsed</source>
            <translation>Transcurrido</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Hora</translation>
        </message>
        <message>
            <source>Speaker notes</source>
            <translation>Notas del presentador</translation>
        </message>
        <message>
            <source>Presenter view</source>
            <translation>Vista del presentador</translation>
        </message>
        <message>
            <source>Audience screen is black (press B to bring it back)</source>
            <translation>La pantalla del público está en negro (pulse B para volver)</translation>
        </message>
        <message>
            <source>Paused while you read</source>
            <translation>En pausa mientras lee</translation>
        </message>
        <message>
            <source>Paused</source>
            <translation>En pausa</translation>
        </message>
        <message>
            <source>No notes for this page.</source>
            <translation>No hay notas para esta página.</translation>
        </message>
        <message>
            <source>Paused: someone touched the screen; it goes on by itself</source>
            <translation>En pausa: alguien tocó la pantalla; seguirá sola</translation>
        </message>
        <message>
            <source>Paused (F5 or A to go on)</source>
            <translation>En pausa (F5 o A para seguir)</translation>
        </message>
        <message>
            <source>Now {n} / {count}: {page}</source>
            <translation>Ahora {n} / {count}: {page}</translation>
        </message>
        <message>
            <source>Next: {page} (back to the start)</source>
            <translation>Siguiente: {page} (vuelta al inicio)</translation>
        </message>
        <message>
            <source>Next page in {time}</source>
            <translation>Página siguiente en {time}</translation>
        </message>
        <message>
            <source>Scan with your phone's camera to open this page's web address.</source>
            <translation>Escanee con la cámara de su teléfono para abrir la dirección web de esta página.</translation>
        </message>
        <message>
            <source>Scan with your phone's camera to keep these key facts. It works with no internet.</source>
            <translation>Escanee con la cámara de su teléfono para guardar estos datos clave. Funciona sin internet.</translation>
        </message>
        <message>
            <source>Take this home: {page}</source>
            <translation>Llévelo a casa: {page}</translation>
        </message>
        <message>
            <source>Scan to open {address} on your phone later. The kiosk does not open links.</source>
            <translation>Escanee para abrir {address} más tarde en su teléfono. El quiosco no abre enlaces.</translation>
        </message>
        <message>
            <source>Content from USB</source>
            <translation>Contenido desde USB</translation>
        </message>
        <message>
            <source>New content from a USB stick</source>
            <translation>Contenido nuevo desde una memoria USB</translation>
        </message>
        <message>
            <source>This kiosk does not show installed bundles. Start it with --content &lt;bundles folder&gt;/current to update it this way.</source>
            <translation>Este quiosco no muestra paquetes instalados. Inícielo con --content &lt;carpeta de paquetes&gt;/current para actualizarlo así.</translation>
        </message>
        <message>
            <source>Tap a bundle to check and install it.</source>
            <translation>Toque un paquete para revisarlo e instalarlo.</translation>
        </message>
        <message>
            <source>Looking for bundles on the stick...</source>
            <translation>Buscando paquetes en la memoria USB...</translation>
        </message>
        <message>
            <source>Checking and installing {name}...</source>
            <translation>Revisando e instalando {name}...</translation>
        </message>
        <message>
            <source>No bundle found. Put a .tar.gz made by 'kiosk bundle' on the stick and plug it in.</source>
            <translation>No se encontró ningún paquete. Copie en la memoria un .tar.gz hecho con 'kiosk bundle' y conéctela.</translation>
        </message>
        <message>
            <source>Installed version {version}.</source>
            <translation>Versión {version} instalada.</translation>
        </message>
        <message>
            <source>Not installed, the old content stays: {reason}</source>
            <translation>No se instaló; se mantiene el contenido anterior: {reason}</translation>
        </message>
        <message>
            <source>Page {page} of {total}</source>
            <translation>Página {page} de {total}</translation>
        </message>
        <message>
            <source>Check what you learned</source>
            <translation>Compruebe lo que aprendió</translation>
        </message>
        <message>
            <source>That's right.</source>
            <translation>Así es.</translation>
        </message>
        <message>
            <source>Not quite. The answer is: {answer}.</source>
            <translation>No exactamente. La respuesta es: {answer}.</translation>
        </message>
        <message>
            <source>Read the page: {page}</source>
            <translation>Leer la página: {page}</translation>
        </message>
        <message>
            <source>Finish</source>
            <translation>Terminar</translation>
        </message>
        <message>
            <source>Next question</source>
            <translation>Siguiente pregunta</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Cerrar</translation>
        </message>
        <message>
            <source>Thank you. Ask your dermatologist about anything that is not clear.</source>
            <translation>Gracias. Pregunte a su dermatólogo todo lo que no le quede claro.</translation>
        </message>
        <message>
            <source>Question {number} of {total}</source>
            <translation>Pregunta {number} de {total}</translation>
        </message>
        <message>
            <source>Answer {number}</source>
            <translation>Respuesta {number}</translation>
        </message>
        <message>
            <source>Question {number}</source>
            <translation>Pregunta {number}</translation>
        </message>
        <message>
            <source>The answer is: {answer}.</source>
            <translation>La respuesta es: {answer}.</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>Empezar</translation>
        </message>
        <message>
            <source>QR code: {what}</source>
            <translation>Código QR: {what}</translation>
        </message>
        <message>
            <source>the key facts of this page</source>
            <translation>los datos clave de esta página</translation>
        </message>
        <message>
            <source>Text size {percent} percent</source>
            <translation>Tamaño del texto {percent} por ciento</translation>
        </message>
        <message>
            <source>{page}, page {n} of {count}</source>
            <translation>{page}, página {n} de {count}</translation>
        </message>
        <message>
            <source>{text}, link</source>
            <translation>{text}, enlace</translation>
        </message>
        <message>
            <source>{name}, page text. Down arrow reads on.</source>
            <translation>{name}, texto de la página. La flecha abajo sigue leyendo.</translation>
        </message>
        <message>
            <source>chosen</source>
            <translation>elegido</translation>
        </message>
        <message>
            <source>choice</source>
            <translation>opción</translation>
        </message>
        <message>
            <source>switch, on</source>
            <translation>interruptor, activado</translation>
        </message>
        <message>
            <source>switch, off</source>
            <translation>interruptor, desactivado</translation>
        </message>
        <message>
            <source>page tab</source>
            <translation>pestaña de página</translation>
        </message>
        <message>
            <source>button</source>
            <translation>botón</translation>
        </message>
        <message>
            <source>{kind}, not available</source>
            <translation>{kind}, no disponible</translation>
        </message>
        <message>
            <source>Audio guide on. Press H for help.</source>
            <translation>Guía de voz activada. Pulse H para obtener ayuda.</translation>
        </message>
        <message>
            <source>Tab moves to the next control, Shift and Tab to the one before. Enter or Space presses it. On the page, Down arrow reads the next paragraph and Up the one before; N and P go to the next and previous heading. Escape closes a popup.</source>
            <translation>Tab pasa al control siguiente, Mayúsculas y Tab al anterior. Intro o Espacio lo pulsan. En la página, la flecha abajo lee el párrafo siguiente y la flecha arriba el anterior; N y P van al título siguiente y al anterior. Escape cierra una ventana.</translation>
        </message>
        <message>
            <source>Heading: {text}</source>
            <translation>Título: {text}</translation>
        </message>
        <message>
            <source>End of the page.</source>
            <translation>Fin de la página.</translation>
        </message>
        <message>
            <source>Start of the page.</source>
            <translation>Principio de la página.</translation>
        </message>
    </context>
</TS>