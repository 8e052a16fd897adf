# Access-log rows say how an object was seen; role groups lose their model permissions.

from django.db import migrations, models


def rollen_zonder_rechten(apps, schema_editor):
    """Roles carry no model permissions any more: every permission is a rule."""
    from omo.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):

    dependencies = [
        ('omo', '0003_bericht'),
    ]

    operations = [
        migrations.RunPython(rollen_zonder_rechten, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name='toegangslog',
            options={'ordering': ['-tijdstip', '-id'], 'verbose_name': 'toegangslog', 'verbose_name_plural': 'toegangslog'},
        ),
        migrations.AddField(
            model_name='toegangslog',
            name='soort',
            field=models.CharField(choices=[('bekeken', 'bekeken'), ('lijst', 'in een lijst'), ('zoeken', 'in zoekresultaten'), ('export', 'geëxporteerd'), ('extern', 'via de externe link'), ('geweigerd', 'geweigerd')], default='bekeken', max_length=12, verbose_name='soort inzage'),
        ),
    ]
